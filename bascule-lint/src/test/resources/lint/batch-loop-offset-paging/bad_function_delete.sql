CREATE OR REPLACE FUNCTION purge_sessions() RETURNS void LANGUAGE plpgsql AS $body$
DECLARE
  skip int := 0;
BEGIN
  WHILE skip < 1000000 LOOP
    DELETE FROM sessions WHERE id IN (
      SELECT id FROM sessions WHERE expires_at < now() ORDER BY id LIMIT 500 OFFSET skip); -- expect
    skip := skip + 500;
  END LOOP;
END
$body$;
