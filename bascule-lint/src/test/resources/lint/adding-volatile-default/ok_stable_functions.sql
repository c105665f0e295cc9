CREATE FUNCTION default_status() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'DRAFT' $$;
CREATE OR REPLACE FUNCTION move_year() RETURNS int LANGUAGE sql STABLE AS $$ SELECT extract(year FROM now())::int $$;
ALTER TABLE moves ADD COLUMN status text DEFAULT default_status();
ALTER TABLE moves ADD COLUMN year int DEFAULT move_year();
ALTER TABLE moves ADD COLUMN code text DEFAULT upper('abc');
ALTER TABLE moves ADD COLUMN created timestamptz DEFAULT timezone('utc', now());
ALTER TABLE moves ADD COLUMN amount numeric(10, 2) DEFAULT 0::numeric(10, 2);
ALTER TABLE moves ADD COLUMN tags text[] DEFAULT ARRAY[]::text[];
ALTER TABLE moves ADD COLUMN meta jsonb DEFAULT coalesce(jsonb_build_object('v', 1), '{}');
