-- Written by bascule lint --fix after 20260101090000_order_links.up.sql: validates constraints added NOT VALID: a scan under SHARE UPDATE EXCLUSIVE, reads and writes go on.
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
ALTER TABLE orders VALIDATE CONSTRAINT orders_product_id_fkey;
