COMMENT ON COLUMN users.nickname IS 'What friends call the user.';
CREATE TABLE pets (id uuid PRIMARY KEY);
ALTER TABLE pets ADD COLUMN name text;
COMMENT ON COLUMN pets.name IS 'Name.';
ALTER TABLE users ADD COLUMN nickname text;
