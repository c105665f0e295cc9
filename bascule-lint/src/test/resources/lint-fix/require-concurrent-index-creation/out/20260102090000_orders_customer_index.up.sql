-- bascule:no-transaction
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON orders (customer_id, id);
CREATE INDEX CONCURRENTLY ON orders
    (total);
