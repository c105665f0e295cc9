CREATE TABLE pets (id uuid PRIMARY KEY);
ALTER TABLE pets ADD COLUMN name text;
CREATE INDEX pets_name_idx ON pets (name);
