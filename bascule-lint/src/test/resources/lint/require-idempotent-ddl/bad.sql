CREATE TABLE pets (id uuid PRIMARY KEY); -- expect
CREATE INDEX CONCURRENTLY pets_idx ON pets (id); -- expect
ALTER TABLE users ADD COLUMN nickname text; -- expect
DROP INDEX users_old_idx; -- expect
