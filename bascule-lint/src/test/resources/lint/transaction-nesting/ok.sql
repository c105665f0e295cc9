-- bascule:no-transaction
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
