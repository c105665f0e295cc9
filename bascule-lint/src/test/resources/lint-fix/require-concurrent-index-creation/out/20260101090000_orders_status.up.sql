-- Orders can be looked up by status.
ALTER TABLE orders ADD COLUMN status text;
-- CREATE INDEX orders_status_idx moved to 20260101090001_orders_status_index_concurrently.up.sql
COMMENT ON COLUMN orders.status IS 'where the order is';
