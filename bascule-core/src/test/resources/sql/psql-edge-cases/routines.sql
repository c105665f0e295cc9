CREATE FUNCTION f_atomic(x int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;
  SELECT x;
END;
create or replace function f_atomic2() returns int language sql begin atomic select 1; end;
CREATE PROCEDURE p_atomic() LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;
CREATE OR REPLACE PROCEDURE p_plpgsql() LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; COMMIT; END; $$;
CREATE FUNCTION f_return(x int) RETURNS int LANGUAGE sql RETURN x + 1;
CREATE FUNCTION f_quoted() RETURNS trigger AS '
BEGIN
  RAISE NOTICE ''saved; ok'';
  RETURN NEW;
END;
' LANGUAGE plpgsql;
do $$ begin perform 1; end $$;
DO $x$ BEGIN CREATE TABLE IF NOT EXISTS t_do (a int); END $x$;
BEGIN;
SELECT 'inside';
END;
CREATE TABLE begin_end (begin_at int, "end" int);
INSERT INTO begin_end VALUES (1, 2) ON CONFLICT DO NOTHING;
CREATE TRIGGER trg BEFORE INSERT ON begin_end FOR EACH ROW EXECUTE FUNCTION f_quoted();
create or replace trigger trg2 before update on begin_end for each row execute function f_quoted();
CREATE FUNCTION f_case() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE 1 WHEN 1 THEN (SELECT CASE WHEN true THEN 1 END) END; END;
CREATE OR REPLACE FUNCTION f_args(begin_at int, "end" int) RETURNS int LANGUAGE sql RETURN begin_at;
SELECT 'done';
