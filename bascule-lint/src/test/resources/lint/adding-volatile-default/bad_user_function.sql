CREATE FUNCTION make_code() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT md5(random()::text) $$;
CREATE FUNCTION fresh_token() RETURNS uuid LANGUAGE sql AS $$ SELECT gen_random_uuid() $$;
ALTER TABLE moves ADD COLUMN code text DEFAULT make_code(); -- expect
ALTER TABLE moves ADD COLUMN token uuid DEFAULT fresh_token(); -- expect
ALTER TABLE moves ADD COLUMN locator text DEFAULT legacy.next_locator(); -- expect
ALTER TABLE moves ADD COLUMN label text DEFAULT upper(made_elsewhere('x')); -- expect
