-- fixture: observed=2:SHARE_ROW_EXCLUSIVE:public.moves;3:ACCESS_EXCLUSIVE:public.moves:rewrite;4:ACCESS_EXCLUSIVE:public.orders
SELECT audit_table('moves'); -- expect
ALTER TABLE moves SET TABLESPACE fast_disk; -- expect
DO $$ BEGIN PERFORM refresh_order_totals(); END $$; -- expect
