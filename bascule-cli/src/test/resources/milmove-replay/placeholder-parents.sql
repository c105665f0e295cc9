-- Minimal reference rows for MilMove's replay, made by rule instead of by hand. Some corpus migrations insert rows
-- that refer to reference data (rate areas, cities, duty locations) which only the large files of MISSING.txt
-- load; those files are empty placeholders here, so the foreign keys fail. The replay test then drops the
-- failing foreign key, runs the migration, and calls fill_missing_parents: one placeholder parent row per value
-- the child rows refer to but the parent lacks, before restoring the foreign key (which PostgreSQL then checks).
-- Placeholder rows fill NOT NULL columns without a default from the column's type; a NOT NULL foreign key in the
-- parent points at an existing row of its own parent, or at a placeholder made the same way.
CREATE SCHEMA IF NOT EXISTS bascule_replay;

CREATE OR REPLACE FUNCTION bascule_replay.placeholder_value(tbl regclass, col name, key text)
RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
    typ oid;
    typname text;
    typlen int;
    ref_tbl regclass;
    ref_id text;
BEGIN
    SELECT a.atttypid, format_type(a.atttypid, a.atttypmod),
           CASE WHEN a.atttypmod > 4 AND a.atttypid IN (1042, 1043) THEN a.atttypmod - 4 ELSE NULL END
      INTO typ, typname, typlen
      FROM pg_attribute a WHERE a.attrelid = tbl AND a.attname = col;
    SELECT c.confrelid INTO ref_tbl FROM pg_constraint c
     WHERE c.conrelid = tbl AND c.contype = 'f' AND array_length(c.conkey, 1) = 1
       AND c.conkey[1] = (SELECT attnum FROM pg_attribute WHERE attrelid = tbl AND attname = col) LIMIT 1;
    IF ref_tbl IS NOT NULL THEN
        EXECUTE format('SELECT id::text FROM %s LIMIT 1', ref_tbl) INTO ref_id;
        IF ref_id IS NULL THEN
            ref_id := gen_random_uuid()::text;
            PERFORM bascule_replay.insert_placeholder(ref_tbl, ref_id);
        END IF;
        RETURN quote_literal(ref_id) || '::' || typname;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_type WHERE oid = typ AND typtype = 'e') THEN
        RETURN quote_literal((SELECT enumlabel FROM pg_enum WHERE enumtypid = typ ORDER BY enumsortorder LIMIT 1)) || '::' || typname;
    END IF;
    RETURN CASE
        WHEN typ = 2950 THEN quote_literal(key) || '::uuid'
        WHEN typ IN (25, 1042, 1043) THEN quote_literal(left(md5(key), coalesce(typlen, 32))) || '::' || typname
        WHEN typ IN (20, 21, 23, 700, 701, 1700) THEN '0'
        WHEN typ = 16 THEN 'false'
        WHEN typ IN (1114, 1184) THEN 'now()'
        WHEN typ = 1082 THEN 'current_date'
        WHEN typ IN (114, 3802) THEN '''{}''::' || typname
        ELSE 'NULL'
    END;
END $fn$;

CREATE OR REPLACE FUNCTION bascule_replay.insert_placeholder(tbl regclass, key text)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    cols text := 'id';
    vals text := quote_literal(key) || '::uuid';
    c record;
BEGIN
    FOR c IN SELECT a.attname FROM pg_attribute a
              WHERE a.attrelid = tbl AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull
                AND a.attname <> 'id' AND a.attgenerated = '' AND a.attidentity = ''
                AND NOT EXISTS (SELECT 1 FROM pg_attrdef d WHERE d.adrelid = tbl AND d.adnum = a.attnum)
              ORDER BY a.attnum LOOP
        cols := cols || ', ' || quote_ident(c.attname);
        vals := vals || ', ' || bascule_replay.placeholder_value(tbl, c.attname, key);
    END LOOP;
    EXECUTE format('INSERT INTO %s (%s) VALUES (%s) ON CONFLICT DO NOTHING', tbl, cols, vals);
END $fn$;

-- One placeholder parent per value of child.child_col missing from parent.id; returns how many were made.
CREATE OR REPLACE FUNCTION bascule_replay.fill_missing_parents(child regclass, child_col name, parent regclass)
RETURNS int LANGUAGE plpgsql AS $fn$
DECLARE
    missing text;
    made int := 0;
BEGIN
    FOR missing IN EXECUTE format('SELECT DISTINCT c.%I::text FROM %s c WHERE c.%I IS NOT NULL'
            || ' AND NOT EXISTS (SELECT 1 FROM %s p WHERE p.id = c.%I)', child_col, child, child_col, parent, child_col) LOOP
        PERFORM bascule_replay.insert_placeholder(parent, missing);
        made := made + 1;
    END LOOP;
    RETURN made;
END $fn$;
