-- Orders can be looked up by status.
ALTER TABLE orders ADD COLUMN status text;
CREATE INDEX orders_status_idx ON orders (status);
COMMENT ON COLUMN orders.status IS 'where the order is';
