-- bascule:phase rename_moves_status_to_state 2
-- Phase 2 of 3: the default moves from status to state (one transaction), after the two-way sync: an insert
-- by the previous release that leaves status out now gets the default through state, and a NULL this release
-- writes into state stays NULL. Only one column has a default at a time, or the trigger could not tell which
-- value an insert wrote.

ALTER TABLE moves ALTER COLUMN status DROP DEFAULT;
ALTER TABLE moves ALTER COLUMN state SET DEFAULT 'DRAFT'::move_status;
