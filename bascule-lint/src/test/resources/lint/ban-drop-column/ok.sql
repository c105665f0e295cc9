CREATE TABLE scratch (id uuid PRIMARY KEY, tmp text);
ALTER TABLE scratch DROP COLUMN tmp;
ALTER TABLE users DROP CONSTRAINT users_legacy_check;
