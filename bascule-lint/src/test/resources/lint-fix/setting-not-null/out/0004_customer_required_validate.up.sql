-- Written by bascule lint --fix after 0002_customer_required.up.sql: validates constraints added NOT VALID: a scan under SHARE UPDATE EXCLUSIVE, reads and writes go on.
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_not_null_check;
-- The valid orders_customer_id_not_null_check proves there is no NULL: PostgreSQL 12+ sets NOT NULL without a scan.
-- bascule:ignore setting-not-null
ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_not_null_check;
