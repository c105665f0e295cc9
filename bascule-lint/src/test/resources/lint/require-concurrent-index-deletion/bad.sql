DROP INDEX users_email_idx; -- expect
DROP INDEX IF EXISTS public.orders_ref_idx, orders_other_idx; -- expect
