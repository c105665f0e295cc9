-- bascule:phase rename_moves_status_to_state 2
-- Phase 2 of 3: apply before deploying the code that reads and writes state. While the deploy rolls both
-- releases run: writes of state are copied back into status for the old code, and the old code's writes of
-- status still reach state. CREATE OR REPLACE is atomic: no write runs without a sync.

\ir ../functions/moves_status_sync_v02.sql
