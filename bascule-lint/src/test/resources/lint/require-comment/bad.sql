CREATE TABLE pets ( -- expect
    id uuid PRIMARY KEY NOT NULL,
    created_at timestamp NOT NULL,
    updated_at timestamp NOT NULL,
    name text NOT NULL,
    birthday date -- expect
);
COMMENT ON COLUMN pets.name IS 'The official name of a pet.';
ALTER TABLE users ADD COLUMN nickname text; -- expect
