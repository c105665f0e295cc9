-- bascule:no-transaction
BEGIN;
CREATE INDEX CONCURRENTLY users_email_idx ON users (email); -- expect
COMMIT;
