-- Seed 002's "transform data in batches", as printed.
DO $$
DECLARE
  batch_size INT := 1000;
  offset_val INT := 0;
  rows_updated INT;
BEGIN
  LOOP
    UPDATE users
    SET email = LOWER(TRIM(email))
    WHERE id IN (
      SELECT id FROM users
      WHERE email != LOWER(TRIM(email))
      ORDER BY id
      LIMIT batch_size
      OFFSET offset_val -- expect
    );

    GET DIAGNOSTICS rows_updated = ROW_COUNT;
    offset_val := offset_val + batch_size;

    EXIT WHEN rows_updated = 0;

    -- Add delay to avoid overwhelming database
    PERFORM pg_sleep(0.1);
  END LOOP;
END $$;
