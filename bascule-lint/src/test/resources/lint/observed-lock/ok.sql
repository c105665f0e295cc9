-- fixture: observed=2:ACCESS_EXCLUSIVE:public.moves;3:ACCESS_EXCLUSIVE:public.moves:rewrite;4:SHARE_UPDATE_EXCLUSIVE:public.moves:scan;5:ROW_EXCLUSIVE:public.moves;6:ACCESS_EXCLUSIVE:public.moves:held
ALTER TABLE moves ADD COLUMN note text;
ALTER TABLE moves ADD COLUMN token uuid DEFAULT gen_random_uuid();
ALTER TABLE moves VALIDATE CONSTRAINT moves_status_check;
UPDATE moves SET note = 'checked' WHERE id = 1;
SELECT count(*) FROM moves;
