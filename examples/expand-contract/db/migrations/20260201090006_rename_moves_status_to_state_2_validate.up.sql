-- bascule:phase rename_moves_status_to_state 2
-- Phase 2 of 3: check the rows written before phase 1's constraints (the backfill is done). VALIDATE
-- CONSTRAINT takes a SHARE UPDATE EXCLUSIVE lock: reads and writes go on while it scans.

ALTER TABLE moves VALIDATE CONSTRAINT moves_state_not_null_check;
