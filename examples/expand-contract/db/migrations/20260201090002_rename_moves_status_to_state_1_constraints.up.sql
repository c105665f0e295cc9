-- bascule:phase rename_moves_status_to_state 1
-- Phase 1 of 3 (expand): the old column's constraints on the new one, NOT VALID: every write is checked from
-- now on, the rows written before are checked by VALIDATE in phase 2, which lets writes through. After the
-- trigger on purpose: the code running now does not know state, and a NOT NULL check without the trigger
-- filling state would refuse its inserts.

ALTER TABLE moves ADD CONSTRAINT moves_state_not_null_check CHECK (state IS NOT NULL) NOT VALID;
