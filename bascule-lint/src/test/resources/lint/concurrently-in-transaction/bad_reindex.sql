-- bascule:no-transaction
begin;
ALTER TABLE users ADD COLUMN nickname text;
REINDEX INDEX CONCURRENTLY users_email_idx; -- expect
DROP INDEX CONCURRENTLY users_old_idx; -- expect
commit;
