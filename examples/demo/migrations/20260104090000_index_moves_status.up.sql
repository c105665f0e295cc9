-- bascule:no-transaction
-- CREATE INDEX CONCURRENTLY cannot run in a transaction block; with the directive above each statement
-- runs and commits on its own, and writes to moves go on while the index builds.
CREATE INDEX CONCURRENTLY IF NOT EXISTS moves_status_idx ON moves (status);
