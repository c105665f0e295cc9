CREATE TABLE pets (id uuid PRIMARY KEY, weight int);
ALTER TABLE pets ALTER COLUMN weight TYPE bigint;
