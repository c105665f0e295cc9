ALTER TABLE orders ADD COLUMN token uuid, ADD COLUMN weight double precision;
ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();
ALTER TABLE orders ALTER COLUMN weight SET DEFAULT random() * 10;
