CREATE TABLE events (
    id uuid PRIMARY KEY,
    payload json NOT NULL -- expect
);
ALTER TABLE users ADD COLUMN settings json; -- expect
