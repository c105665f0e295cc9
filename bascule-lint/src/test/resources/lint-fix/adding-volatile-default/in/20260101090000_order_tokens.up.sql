ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid(), ADD COLUMN weight double precision DEFAULT random() * 10;
