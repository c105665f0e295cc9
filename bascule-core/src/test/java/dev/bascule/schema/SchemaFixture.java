package dev.bascule.schema;

import java.util.List;

/**
 * A schema with every kind of object a snapshot describes, written twice: {@link #NATURAL} in the order one would
 * write it, {@link #SHUFFLED} with the same result reached another way (other statement order, unqualified names
 * under a search_path, columns added by ALTER TABLE, a column added and dropped, objects made and dropped in
 * between so that OIDs differ, a grant revoked again).
 */
final class SchemaFixture {

    private SchemaFixture() {
    }

    static final List<String> NATURAL = List.of(
            "CREATE SCHEMA app",
            "COMMENT ON SCHEMA app IS 'application schema'",
            "CREATE EXTENSION pgcrypto SCHEMA public",
            "CREATE TYPE app.move_status AS ENUM ('draft', 'submitted', 'approved')",
            "COMMENT ON TYPE app.move_status IS 'where a move is'",
            "CREATE DOMAIN app.positive_int AS integer NOT NULL DEFAULT 1 CONSTRAINT positive CHECK (VALUE > 0)",
            "COMMENT ON DOMAIN app.positive_int IS 'a count'",
            "CREATE TYPE app.address AS (street text, zip varchar(10) COLLATE \"C\")",
            "COMMENT ON COLUMN app.address.zip IS 'postal code'",
            "CREATE TYPE app.float_range AS RANGE (subtype = float8)",
            "CREATE SEQUENCE app.ticket_seq AS integer START 100 INCREMENT 5 CACHE 10 CYCLE",
            """
            CREATE TABLE app.moves (
              id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              status app.move_status NOT NULL DEFAULT 'draft',
              weight numeric(10,2) CHECK (weight >= 0),
              weight_kg numeric GENERATED ALWAYS AS (weight * 0.4536) STORED,
              name text COLLATE "C",
              ticket integer DEFAULT nextval('app.ticket_seq'),
              legs app.positive_int,
              created_at timestamptz NOT NULL DEFAULT now(),
              starts_at timestamptz DEFAULT '2024-03-01 12:00:00+01',
              address app.address,
              span app.float_range,
              CONSTRAINT moves_name_key UNIQUE (name)
            )""",
            "ALTER SEQUENCE app.ticket_seq OWNED BY app.moves.ticket",
            "COMMENT ON TABLE app.moves IS 'household goods moves'",
            "COMMENT ON COLUMN app.moves.status IS 'where the move is'",
            "COMMENT ON CONSTRAINT moves_name_key ON app.moves IS 'one move per name'",
            "CREATE TABLE app.legs (id serial PRIMARY KEY, move_id bigint NOT NULL, happened_on date DEFAULT '2020-01-02',"
                    + " grace interval DEFAULT '1 day 2 hours', ratio double precision DEFAULT '0.3333333333333333')",
            "ALTER TABLE app.legs ADD CONSTRAINT legs_move_fk FOREIGN KEY (move_id) REFERENCES app.moves (id) NOT VALID",
            "CREATE UNLOGGED TABLE app.scratch (k text, v jsonb) WITH (fillfactor = 70, autovacuum_enabled = false)",
            "CREATE TABLE app.events (id bigint NOT NULL, at date NOT NULL, kind text) PARTITION BY RANGE (at)",
            "CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
            "CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
            "ALTER TABLE app.events ADD PRIMARY KEY (id, at)",
            "CREATE INDEX events_kind_idx ON app.events (kind)",
            "CREATE INDEX moves_status_idx ON app.moves (status) WHERE status <> 'draft'",
            "CREATE UNIQUE INDEX moves_lower_name_idx ON app.moves (lower(name))",
            "COMMENT ON INDEX app.moves_status_idx IS 'open moves'",
            "CREATE STATISTICS app.moves_stats (dependencies) ON status, weight FROM app.moves",
            "CREATE VIEW app.open_moves AS SELECT id, status, name FROM app.moves WHERE status <> 'approved'",
            "COMMENT ON VIEW app.open_moves IS 'moves not yet approved'",
            "COMMENT ON COLUMN app.open_moves.name IS 'the name'",
            "CREATE MATERIALIZED VIEW app.move_counts AS SELECT status, count(*) AS n FROM app.moves GROUP BY status",
            "CREATE UNIQUE INDEX move_counts_status_idx ON app.move_counts (status)",
            """
            CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.created_at := now();
              RETURN NEW;
            END
            $$""",
            "CREATE TRIGGER moves_touch BEFORE UPDATE ON app.moves FOR EACH ROW EXECUTE FUNCTION app.touch()",
            "COMMENT ON TRIGGER moves_touch ON app.moves IS 'keeps created_at fresh'",
            "CREATE TRIGGER legs_audit AFTER INSERT OR DELETE ON app.legs FOR EACH STATEMENT EXECUTE FUNCTION app.touch()",
            "ALTER TABLE app.legs DISABLE TRIGGER legs_audit",
            """
            CREATE FUNCTION app.add(a integer, b integer DEFAULT 1) RETURNS integer
              LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = app, pg_temp SET work_mem = '8MB'
              AS 'SELECT a + b'""",
            "COMMENT ON FUNCTION app.add(integer, integer) IS 'adds'",
            "CREATE FUNCTION app.add_one(a integer) RETURNS integer LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT a + 1; END",
            "CREATE FUNCTION app.numbers(n integer) RETURNS SETOF integer LANGUAGE sql STABLE ROWS 10 AS 'SELECT generate_series(1, n)'",
            "CREATE PROCEDURE app.archive(days integer) LANGUAGE plpgsql AS $$ BEGIN DELETE FROM app.scratch; END $$",
            "CREATE AGGREGATE app.total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0')",
            "ALTER TABLE app.moves ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY moves_visible ON app.moves FOR SELECT TO PUBLIC USING (status <> 'draft')",
            "COMMENT ON POLICY moves_visible ON app.moves IS 'drafts are private'",
            "CREATE RULE scratch_keep AS ON DELETE TO app.scratch DO INSTEAD NOTHING",
            "CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$",
            "CREATE EVENT TRIGGER app_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION app.on_ddl()",
            "CREATE FOREIGN DATA WRAPPER app_fdw",
            "CREATE SERVER app_server FOREIGN DATA WRAPPER app_fdw",
            "CREATE FOREIGN TABLE app.remote (id integer NOT NULL, label text) SERVER app_server OPTIONS (table_name 'remote')",
            "CREATE TABLE public.\"Odd Name\" (\"Mixed Case\" integer, \"a: b\" text)");

    static final List<String> SHUFFLED = List.of(
            "CREATE TABLE public.filler_a (x integer)",
            "CREATE FOREIGN DATA WRAPPER app_fdw",
            "CREATE SERVER app_server FOREIGN DATA WRAPPER app_fdw",
            "CREATE SCHEMA app",
            "SET search_path = app, public",
            "CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$",
            "CREATE TYPE float_range AS RANGE (subtype = float8)",
            "CREATE TYPE address AS (street text, zip varchar(10) COLLATE \"C\")",
            "CREATE TYPE move_status AS ENUM ('draft', 'approved')",
            "ALTER TYPE move_status ADD VALUE 'submitted' BEFORE 'approved'",
            "CREATE DOMAIN positive_int AS integer NOT NULL DEFAULT 1 CONSTRAINT positive CHECK (VALUE > 0)",
            "DROP TABLE public.filler_a",
            "CREATE SEQUENCE ticket_seq AS integer START 100 INCREMENT 5 CACHE 10 CYCLE",
            "CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text) PARTITION BY RANGE (at)",
            "CREATE INDEX events_kind_idx ON events (kind)",
            "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
            "CREATE TABLE events_2024 (id bigint NOT NULL, at date NOT NULL, kind text)",
            "ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
            "ALTER TABLE events ADD PRIMARY KEY (id, at)",
            """
            CREATE TABLE moves (
              id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              status move_status NOT NULL DEFAULT 'draft',
              dropped_later text,
              weight numeric(10,2) CHECK (weight >= 0)
            )""",
            "ALTER TABLE moves ADD COLUMN weight_kg numeric GENERATED ALWAYS AS (weight * 0.4536) STORED",
            "ALTER TABLE moves DROP COLUMN dropped_later",
            "ALTER TABLE moves ADD COLUMN name text COLLATE \"C\" CONSTRAINT moves_name_key UNIQUE",
            "ALTER TABLE moves ADD COLUMN ticket integer DEFAULT nextval('ticket_seq')",
            "ALTER TABLE moves ADD COLUMN legs positive_int",
            "ALTER TABLE moves ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()",
            "SET TimeZone = 'America/New_York'",
            "ALTER TABLE moves ADD COLUMN starts_at timestamptz DEFAULT '2024-03-01 06:00:00-05'",
            "ALTER TABLE moves ADD COLUMN address address, ADD COLUMN span float_range",
            "ALTER SEQUENCE ticket_seq OWNED BY moves.ticket",
            "SET IntervalStyle = 'iso_8601'",
            "SET extra_float_digits = 0",
            "CREATE TABLE legs (id serial PRIMARY KEY, move_id bigint NOT NULL, happened_on date DEFAULT '2020-01-02',"
                    + " grace interval DEFAULT 'P1DT2H', ratio double precision DEFAULT '0.3333333333333333')",
            "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.created_at := now();\n  RETURN NEW;\nEND\n$$",
            "CREATE TRIGGER legs_audit AFTER INSERT OR DELETE ON legs FOR EACH STATEMENT EXECUTE FUNCTION touch()",
            "ALTER TABLE legs DISABLE TRIGGER legs_audit",
            "CREATE TRIGGER moves_touch BEFORE UPDATE ON moves FOR EACH ROW EXECUTE FUNCTION touch()",
            "ALTER TABLE legs ADD CONSTRAINT legs_move_fk FOREIGN KEY (move_id) REFERENCES moves (id) NOT VALID",
            "CREATE UNIQUE INDEX moves_lower_name_idx ON moves (lower(name))",
            "CREATE INDEX moves_status_idx ON moves (status) WHERE status <> 'draft'",
            "CREATE STATISTICS moves_stats (dependencies) ON status, weight FROM moves",
            "CREATE UNLOGGED TABLE scratch (k text, v jsonb) WITH (autovacuum_enabled = false, fillfactor = 70)",
            "CREATE RULE scratch_keep AS ON DELETE TO scratch DO INSTEAD NOTHING",
            "CREATE PROCEDURE archive(days integer) LANGUAGE plpgsql AS $$ BEGIN DELETE FROM app.scratch; END $$",
            "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0')",
            "CREATE FUNCTION numbers(n integer) RETURNS SETOF integer LANGUAGE sql STABLE ROWS 10 AS 'SELECT generate_series(1, n)'",
            "CREATE FUNCTION add_one(a integer) RETURNS integer LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT a + 1; END",
            """
            CREATE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer
              LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET work_mem = '8MB' SET search_path = app, pg_temp
              AS 'SELECT a + b'""",
            "CREATE MATERIALIZED VIEW move_counts AS SELECT status, count(*) AS n FROM moves GROUP BY status",
            "CREATE UNIQUE INDEX move_counts_status_idx ON move_counts (status)",
            "CREATE VIEW open_moves AS SELECT id, status, name FROM moves WHERE status <> 'approved'",
            "CREATE POLICY moves_visible ON moves FOR SELECT TO PUBLIC USING (status <> 'draft')",
            "ALTER TABLE moves ENABLE ROW LEVEL SECURITY",
            "CREATE FOREIGN TABLE remote (id integer NOT NULL, label text) SERVER app_server OPTIONS (table_name 'remote')",
            "CREATE EVENT TRIGGER app_ddl ON ddl_command_end WHEN TAG IN ('ALTER TABLE', 'CREATE TABLE') EXECUTE FUNCTION on_ddl()",
            "CREATE TABLE public.\"Odd Name\" (\"Mixed Case\" integer, \"a: b\" text)",
            "GRANT SELECT ON moves TO PUBLIC",
            "REVOKE SELECT ON moves FROM PUBLIC",
            "CREATE EXTENSION pgcrypto SCHEMA public",
            "COMMENT ON POLICY moves_visible ON moves IS 'drafts are private'",
            "COMMENT ON FUNCTION add(integer, integer) IS 'adds'",
            "COMMENT ON TRIGGER moves_touch ON moves IS 'keeps created_at fresh'",
            "COMMENT ON COLUMN open_moves.name IS 'the name'",
            "COMMENT ON VIEW open_moves IS 'moves not yet approved'",
            "COMMENT ON INDEX moves_status_idx IS 'open moves'",
            "COMMENT ON CONSTRAINT moves_name_key ON moves IS 'one move per name'",
            "COMMENT ON COLUMN moves.status IS 'where the move is'",
            "COMMENT ON TABLE moves IS 'household goods moves'",
            "COMMENT ON COLUMN address.zip IS 'postal code'",
            "COMMENT ON DOMAIN positive_int IS 'a count'",
            "COMMENT ON TYPE move_status IS 'where a move is'",
            "COMMENT ON SCHEMA app IS 'application schema'");
}
