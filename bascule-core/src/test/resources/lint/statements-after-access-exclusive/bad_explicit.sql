CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
BEGIN;
LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;
DELETE FROM orders WHERE total < 0; -- expect
COMMIT;
