CREATE TABLE drafts (id bigint PRIMARY KEY);
ALTER TABLE drafts SET SCHEMA billing;
ALTER FUNCTION total(bigint) SET search_path = billing, public;
