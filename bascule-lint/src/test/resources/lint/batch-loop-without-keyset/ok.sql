DO $$
DECLARE
  r record;
  last_id bigint := 0;
BEGIN
  -- Driven by a cursor: each row once.
  FOR r IN SELECT id FROM users WHERE score IS NULL LOOP
    UPDATE users SET score = 0 WHERE id = r.id;
  END LOOP;
  -- Walking the key.
  LOOP
    UPDATE moves SET status = 'DRAFT' WHERE id > last_id AND id <= last_id + 1000 AND status IS NULL;
    last_id := last_id + 1000;
    EXIT WHEN last_id > 1000000;
  END LOOP;
END $$;
