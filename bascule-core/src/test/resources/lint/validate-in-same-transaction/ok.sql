-- the file runs without a transaction (CONCURRENTLY), and each explicit transaction commits
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);
BEGIN;
ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID;
COMMIT;
BEGIN;
ALTER TABLE orders VALIDATE CONSTRAINT total_positive;
COMMIT;
