ALTER TABLE users ADD COLUMN full_name text;
CREATE TABLE people (id uuid PRIMARY KEY, a text, b text, ab text GENERATED ALWAYS AS (a || b) STORED);
