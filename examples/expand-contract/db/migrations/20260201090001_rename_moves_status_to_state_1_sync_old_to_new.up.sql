-- bascule:phase rename_moves_status_to_state 1
-- Phase 1 of 3 (expand): from now on every INSERT and UPDATE copies status into state. The function and the
-- trigger are versioned definition files (fx style), included here.

\ir ../functions/moves_status_sync_v01.sql
\ir ../triggers/moves_status_sync_v01.sql
