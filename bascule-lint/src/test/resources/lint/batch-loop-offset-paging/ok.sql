-- The same batches walking the key: no row is skipped, each batch starts where the last one ended.
DO $$
DECLARE
  last_id uuid := '00000000-0000-0000-0000-000000000000';
  next_id uuid;
BEGIN
  LOOP
    SELECT max(id) INTO next_id FROM (
      SELECT id FROM users WHERE id > last_id ORDER BY id LIMIT 1000) batch;
    EXIT WHEN next_id IS NULL;
    UPDATE users SET email = LOWER(TRIM(email))
    WHERE id > last_id AND id <= next_id AND email != LOWER(TRIM(email));
    last_id := next_id;
  END LOOP;
END $$;
-- A report paged with OFFSET that changes nothing.
DO $$
DECLARE
  page int := 0;
BEGIN
  FOR i IN 1..3 LOOP
    PERFORM id FROM users ORDER BY id LIMIT 10 OFFSET page;
    page := page + 10;
  END LOOP;
END $$;
