-- Written by bascule lint --fix after 20260101090000_order_checks.up.sql: validates constraints added NOT VALID: a scan under SHARE UPDATE EXCLUSIVE, reads and writes go on.
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
ALTER TABLE orders VALIDATE CONSTRAINT orders_check;
ALTER TABLE orders VALIDATE CONSTRAINT orders_check1;
