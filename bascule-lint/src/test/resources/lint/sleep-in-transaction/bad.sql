UPDATE users SET active = true WHERE id < 1000;
SELECT pg_sleep(1); -- expect
UPDATE users SET active = true WHERE id >= 1000;
DO $$
BEGIN
  PERFORM pg_sleep(0.1); -- expect
END $$;
