DO $$
DECLARE
  n int;
BEGIN
  LOOP
    DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expired LIMIT 500); -- expect
    GET DIAGNOSTICS n = ROW_COUNT;
    EXIT WHEN n = 0;
  END LOOP;
END $$;
