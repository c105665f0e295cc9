-- bascule:no-transaction
BEGIN;
ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT total_positive; -- expect
COMMIT;
