-- bascule:phase rename_moves_status_to_state 1
-- Phase 1 of 3 (expand) of renaming moves.status to state: add the column the next release's code will use.
-- Nothing reads it yet; the next migration keeps it equal to status and the backfill fills the rows written
-- before. Constraints, NOT NULL and indexes follow; the default moves in phase 2.

ALTER TABLE moves ADD COLUMN state move_status;
COMMENT ON COLUMN moves.state IS 'Where the move is in its life cycle.';
