DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM users WHERE active IS NULL) THEN
    UPDATE users SET active = true; -- expect
  END IF;
END $$;
