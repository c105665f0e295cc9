CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
CREATE TABLE pets (id uuid PRIMARY KEY, owner_id uuid NOT NULL);
CREATE INDEX pets_owner_idx ON pets (owner_id);
