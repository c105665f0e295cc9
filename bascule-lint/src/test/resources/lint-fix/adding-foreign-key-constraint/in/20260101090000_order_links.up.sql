ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
ALTER TABLE orders
    ADD FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE;
