-- bascule:phase rename_moves_status_to_state 2
-- Phase 2 of 3: NOT NULL on state. The CHECK validated by the previous migration proves there is no NULL, so
-- PostgreSQL 12+ sets NOT NULL without scanning the table (a moment's ACCESS EXCLUSIVE lock); the check is
-- redundant after that and dropped.

-- bascule:ignore setting-not-null the validated moves_state_not_null_check proves there is no NULL: no scan
ALTER TABLE moves ALTER COLUMN state SET NOT NULL;
ALTER TABLE moves DROP CONSTRAINT moves_state_not_null_check;
