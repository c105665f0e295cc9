-- bascule:no-transaction
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
DROP INDEX CONCURRENTLY users_old_idx;
