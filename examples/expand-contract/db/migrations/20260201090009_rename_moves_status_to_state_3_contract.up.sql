-- bascule:phase rename_moves_status_to_state 3
-- Phase 3 of 3 (contract): apply only once no running code uses status, that is in a release after the one
-- with phase 2, when that release's code is deployed everywhere. Drops the sync trigger and function and
-- status.

DROP TRIGGER moves_status_sync ON moves;
DROP FUNCTION moves_status_sync();
-- bascule:ignore ban-drop-column phase 3: the code deployed with phase 2 no longer uses status
ALTER TABLE moves DROP COLUMN status;
