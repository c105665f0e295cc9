ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0), ADD CHECK (customer_id > 0);
ALTER TABLE orders ADD CHECK (product_id > 0);
