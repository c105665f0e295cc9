ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID, ADD CONSTRAINT orders_check CHECK (customer_id > 0) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_check1 CHECK (product_id > 0) NOT VALID;
