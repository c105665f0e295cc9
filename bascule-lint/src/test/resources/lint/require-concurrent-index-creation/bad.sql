CREATE INDEX users_email_idx ON users (email); -- expect
CREATE UNIQUE INDEX IF NOT EXISTS orders_ref_idx ON public.orders USING btree (reference); -- expect
