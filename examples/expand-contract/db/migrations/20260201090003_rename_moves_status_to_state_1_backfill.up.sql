-- bascule:phase rename_moves_status_to_state 1
-- bascule:data
-- Phase 1 of 3 (expand): copy status into state for the rows written before the trigger, in batches of 1000
-- rows by id, one transaction each. It cannot race the trigger into a wrong value: the SET reads status from
-- the row version it writes (a row updated meanwhile is read again before it is written) and the trigger
-- computes the same value on that write anyway. Rows already equal are skipped, so running it again is
-- harmless.
-- bascule:batch size=1000 key=id
UPDATE moves SET state = status WHERE state::text IS DISTINCT FROM status::text;
