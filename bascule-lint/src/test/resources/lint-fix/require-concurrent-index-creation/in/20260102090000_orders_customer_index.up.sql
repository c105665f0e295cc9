CREATE UNIQUE INDEX IF NOT EXISTS orders_customer_idx ON orders (customer_id, id);
CREATE INDEX ON orders
    (total);
