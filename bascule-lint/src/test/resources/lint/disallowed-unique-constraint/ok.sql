CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
CREATE TABLE pets (id uuid PRIMARY KEY, tag text);
ALTER TABLE pets ADD CONSTRAINT pets_tag_key UNIQUE (tag);
