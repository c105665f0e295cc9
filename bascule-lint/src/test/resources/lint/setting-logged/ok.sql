CREATE UNLOGGED TABLE import_staging (id bigint PRIMARY KEY, payload jsonb);
ALTER TABLE import_staging SET LOGGED;
