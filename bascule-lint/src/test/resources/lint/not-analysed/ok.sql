DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'pet_type') THEN
    CREATE TYPE pet_type AS ENUM ('CAT', 'DOG');
  END IF;
END $$;
CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN NEW.updated_at := now(); RETURN NEW; END;
$body$;
SELECT 1;
COPY zip3s (id, zip3) FROM stdin;
1	it's; not SQL
\.
GRANT SELECT ON users TO reporting;
