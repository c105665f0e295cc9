-- bascule:no-transaction
-- the runner does not wrap this file, and each explicit transaction commits
BEGIN;
ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID;
COMMIT;
BEGIN;
ALTER TABLE orders VALIDATE CONSTRAINT total_positive;
COMMIT;
