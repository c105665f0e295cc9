-- bascule:no-transaction
-- Like its up: DROP INDEX CONCURRENTLY cannot run in a transaction block, and it does not block writes to moves.
DROP INDEX CONCURRENTLY IF EXISTS moves_status_idx;
