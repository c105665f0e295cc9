ALTER TABLE orders ADD CONSTRAINT orders_customer_id_not_null_check CHECK (customer_id IS NOT NULL) NOT VALID;
