-- bascule:phase rename_moves_status_to_state 2
-- bascule:no-transaction
-- Phase 2 of 3: the old column's indexes on state, built CONCURRENTLY: writes go on, and each statement
-- commits on its own. A failed build leaves an invalid index; the DROP before each build clears it when the
-- migration runs again after bascule repair.

DROP INDEX CONCURRENTLY IF EXISTS moves_state_idx;
CREATE INDEX CONCURRENTLY moves_state_idx ON moves USING btree (state);
