CREATE TABLE events (id uuid PRIMARY KEY, payload jsonb NOT NULL);
ALTER TABLE users ADD COLUMN settings jsonb;
