package dev.bascule.schema;

import dev.bascule.history.HistoryTable;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading snapshots from real PostgreSQL: what they hold, and that equal schemas give equal snapshots. */
@ExtendWith(EmbeddedPostgresExtension.class)
class SchemaSnapshotTest {

    @Test
    void describesEveryKindOfObject(TestDatabase db) {
        Snapshots.run(db, SchemaFixture.NATURAL);
        SchemaSnapshot snapshot = Snapshots.read(db);

        Map<String, String> expected = Map.ofEntries(
                Map.entry("schema app|comment", "application schema"),
                Map.entry("extension pgcrypto|schema", "public"),
                Map.entry("enum app.move_status|labels", "'draft'\n'submitted'\n'approved'"),
                Map.entry("domain app.positive_int|type", "integer"),
                Map.entry("domain app.positive_int|not null", "true"),
                Map.entry("domain app.positive_int|default", "1"),
                Map.entry("domain app.positive_int|constraint positive", "CHECK ((VALUE > 0))"),
                Map.entry("composite type app.address|attribute zip", "character varying(10) COLLATE pg_catalog.\"C\""),
                Map.entry("composite type app.address|comment on attribute zip", "postal code"),
                Map.entry("range type app.float_range|subtype", "double precision"),
                Map.entry("sequence app.ticket_seq|increment", "5"),
                Map.entry("sequence app.ticket_seq|cycle", "true"),
                Map.entry("sequence app.ticket_seq|owned by", "app.moves.ticket"),
                Map.entry("sequence app.moves_id_seq|identity of", "app.moves.id"),
                Map.entry("table app.moves|column id", "bigint NOT NULL GENERATED ALWAYS AS IDENTITY"),
                Map.entry("table app.moves|column status", "app.move_status NOT NULL DEFAULT 'draft'::app.move_status"),
                Map.entry("table app.moves|column weight_kg", "numeric GENERATED ALWAYS AS ((weight * 0.4536)) STORED"),
                Map.entry("table app.moves|column name", "text COLLATE pg_catalog.\"C\""),
                Map.entry("table app.moves|column starts_at",
                        "timestamp with time zone DEFAULT '2024-03-01 11:00:00+00'::timestamp with time zone"),
                Map.entry("table app.moves|constraint moves_weight_check", "CHECK ((weight >= (0)::numeric))"),
                Map.entry("table app.moves|row level security", "enabled"),
                Map.entry("table app.moves|policy moves_visible",
                        "AS PERMISSIVE FOR SELECT TO PUBLIC USING ((status <> 'draft'::app.move_status))"),
                Map.entry("table app.moves|trigger moves_touch",
                        "CREATE TRIGGER moves_touch BEFORE UPDATE ON app.moves FOR EACH ROW EXECUTE FUNCTION app.touch()"),
                Map.entry("table app.moves|comment on constraint moves_name_key", "one move per name"),
                Map.entry("table app.moves|comment on trigger moves_touch", "keeps created_at fresh"),
                Map.entry("table app.moves|comment on policy moves_visible", "drafts are private"),
                Map.entry("table app.legs|column grace", "interval DEFAULT '1 day 02:00:00'::interval"),
                Map.entry("table app.legs|column ratio", "double precision DEFAULT '0.3333333333333333'::double precision"),
                Map.entry("table app.legs|constraint legs_move_fk", "FOREIGN KEY (move_id) REFERENCES app.moves(id) NOT VALID"),
                Map.entry("table app.legs|trigger legs_audit", "CREATE TRIGGER legs_audit AFTER INSERT OR DELETE ON app.legs"
                        + " FOR EACH STATEMENT EXECUTE FUNCTION app.touch() -- disabled"),
                Map.entry("table app.scratch|persistence", "unlogged"),
                Map.entry("table app.scratch|options", "autovacuum_enabled=false, fillfactor=70"),
                Map.entry("table app.events|partitioned by", "RANGE (at)"),
                Map.entry("table app.events_2024|partition of", "app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"),
                Map.entry("table public.\"Odd Name\"|column \"a: b\"", "text"),
                Map.entry("foreign table app.remote|server", "app_server"),
                Map.entry("view app.open_moves|comment on column name", "the name"),
                Map.entry("index app.moves_status_idx|definition",
                        "CREATE INDEX moves_status_idx ON app.moves USING btree (status) WHERE (status <> 'draft'::app.move_status)"),
                Map.entry("index app.moves_status_idx|comment", "open moves"),
                Map.entry("statistics app.moves_stats|definition",
                        "CREATE STATISTICS app.moves_stats (dependencies) ON status, weight FROM app.moves"),
                Map.entry("function app.add(integer,integer)|arguments", "a integer, b integer DEFAULT 1"),
                Map.entry("function app.add(integer,integer)|attributes", "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"),
                Map.entry("function app.add(integer,integer)|set search_path", "app, pg_temp"),
                Map.entry("function app.add(integer,integer)|body", "SELECT a + b"),
                Map.entry("function app.add(integer,integer)|comment", "adds"),
                Map.entry("function app.add_one(integer)|body", "BEGIN ATOMIC\n SELECT (a + 1);\nEND"),
                Map.entry("function app.numbers(integer)|attributes", "LANGUAGE sql STABLE ROWS 10"),
                Map.entry("function app.touch()|body", "\nBEGIN\n  NEW.created_at := now();\n  RETURN NEW;\nEND\n"),
                Map.entry("procedure app.archive(integer)|arguments", "days integer"),
                Map.entry("procedure app.archive(integer)|body", " BEGIN DELETE FROM app.scratch; END "),
                Map.entry("aggregate app.total(integer)|state function", "int4pl(integer,integer)"),
                Map.entry("aggregate app.total(integer)|initial value", "0"),
                Map.entry("event trigger app_ddl|tags", "ALTER TABLE, CREATE TABLE"));
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            String[] parts = entry.getKey().split("\\|");
            SchemaObject object = snapshot.objects().stream().filter(o -> o.title().equals(parts[0])).findFirst()
                    .orElseThrow(() -> new AssertionError(parts[0] + " is not in the snapshot:\n" + snapshot.render()));
            assertThat(object.value(parts[1])).as(entry.getKey()).contains(entry.getValue());
        }
        assertThat(snapshot.object(ObjectKind.VIEW, "app.open_moves").orElseThrow().value("definition").orElseThrow())
                .contains("FROM app.moves").contains("WHERE status <> 'approved'::app.move_status");
        assertThat(snapshot.object(ObjectKind.TABLE, "app.scratch").orElseThrow().value("rule scratch_keep").orElseThrow())
                .contains("ON DELETE TO app.scratch DO INSTEAD NOTHING");
        assertThat(snapshot.object(ObjectKind.MATERIALIZED_VIEW, "app.move_counts")).isPresent();
        assertThat(snapshot.object(ObjectKind.INDEX, "app.move_counts_status_idx")).isPresent();
        // Made by PostgreSQL for other objects, so not listed again: constraint indexes, partition clones,
        // range constructors, extension members.
        assertThat(snapshot.objects()).extracting(SchemaObject::title).doesNotContain(
                "index app.moves_pkey", "index app.moves_name_key", "index app.events_2024_kind_idx",
                "function app.float_range(double precision,double precision)", "function public.digest(text,text)");
        assertThat(snapshot.object(ObjectKind.TABLE, "app.events_2024").orElseThrow().attributes())
                .extracting(Attribute::key).noneMatch(k -> k.startsWith("constraint "));
    }

    @Test
    void twoReadsGiveTheSameBytesAndTheTextReadsBack(TestDatabase db) throws SQLException {
        Snapshots.run(db, SchemaFixture.NATURAL);
        SchemaSnapshot first = Snapshots.read(db);
        SchemaSnapshot second = Snapshots.read(db);

        assertThat(second.render()).isEqualTo(first.render());
        try (Connection c = db.admin().connect(); Statement st = c.createStatement()) {
            // The caller's session settings must not show: names stay qualified, constants print alike.
            st.execute("SET search_path = app, public");
            st.execute("SET TimeZone = 'Asia/Tokyo'");
            st.execute("SET DateStyle = 'ISO, DMY'");
            st.execute("SET IntervalStyle = 'sql_standard'");
            st.execute("SET extra_float_digits = 0");
            assertThat(SchemaSnapshot.read(c, SnapshotOptions.defaults()).render()).isEqualTo(first.render());
        }
        assertThat(first.render()).doesNotContainPattern("\\b(oid|OID)\\b");
        SchemaSnapshot parsed = SchemaSnapshot.parse(first.render(), "schema.sql");
        assertThat(parsed).isEqualTo(first);
        assertThat(parsed.render()).isEqualTo(first.render());
    }

    @Test
    void theSameSchemaBuiltAnotherWayGivesTheSameSnapshot(TestDatabase natural, TestDatabase shuffled) {
        Snapshots.run(natural, SchemaFixture.NATURAL);
        Snapshots.run(shuffled, SchemaFixture.SHUFFLED);

        SchemaSnapshot a = Snapshots.read(natural);
        SchemaSnapshot b = Snapshots.read(shuffled);

        assertThat(b.render()).as(SchemaDiff.between(a, b).render("natural", "shuffled")).isEqualTo(a.render());
        // The two really were built differently: another column layout on disk, other OIDs.
        assertThat(shuffled.column("SELECT count(*) FROM pg_attribute WHERE attrelid = 'app.moves'::regclass AND attisdropped"))
                .containsExactly("1");
        assertThat(shuffled.column("SELECT 'app.moves'::regclass::oid"))
                .isNotEqualTo(natural.column("SELECT 'app.moves'::regclass::oid"));
    }

    @Test
    void anUpThenItsDownLeavesNoTrace(TestDatabase db) {
        Snapshots.run(db, SchemaFixture.NATURAL);
        SchemaSnapshot before = Snapshots.read(db, SnapshotOptions.defaults().with(Detail.GRANTS, Detail.OWNERSHIP));
        List<String> up = List.of(
                "CREATE TYPE app.size AS ENUM ('s', 'm', 'l')",
                "ALTER TABLE app.moves ADD COLUMN size app.size",
                "CREATE INDEX moves_size_idx ON app.moves (size)",
                "ALTER TABLE app.moves ADD CONSTRAINT moves_size_check CHECK (size <> 'l')",
                "CREATE TABLE app.boxes (id bigserial PRIMARY KEY, move_id bigint REFERENCES app.moves (id))",
                "CREATE FUNCTION app.box_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM app.boxes'",
                "CREATE VIEW app.big_moves AS SELECT id FROM app.moves WHERE size = 'l'",
                "CREATE TRIGGER boxes_touch BEFORE UPDATE ON app.boxes FOR EACH ROW EXECUTE FUNCTION app.touch()",
                "COMMENT ON COLUMN app.moves.weight IS 'pounds'",
                "ALTER TABLE app.moves ALTER COLUMN weight SET NOT NULL",
                "GRANT SELECT, INSERT ON app.moves TO PUBLIC",
                "GRANT USAGE ON SCHEMA app TO PUBLIC");
        List<String> down = List.of(
                "REVOKE USAGE ON SCHEMA app FROM PUBLIC",
                "REVOKE SELECT, INSERT ON app.moves FROM PUBLIC",
                "ALTER TABLE app.moves ALTER COLUMN weight DROP NOT NULL",
                "COMMENT ON COLUMN app.moves.weight IS NULL",
                "DROP VIEW app.big_moves",
                "DROP FUNCTION app.box_count()",
                "DROP TABLE app.boxes",
                "ALTER TABLE app.moves DROP COLUMN size",
                "DROP TYPE app.size");
        Snapshots.run(db, up);
        SchemaSnapshot afterUp = Snapshots.read(db, SnapshotOptions.defaults().with(Detail.GRANTS, Detail.OWNERSHIP));
        assertThat(SchemaDiff.between(before, afterUp).isEmpty()).isFalse();
        Snapshots.run(db, down);
        SchemaSnapshot afterDown = Snapshots.read(db, SnapshotOptions.defaults().with(Detail.GRANTS, Detail.OWNERSHIP));

        SchemaDiff diff = SchemaDiff.between(before, afterDown);
        assertThat(diff.isEmpty()).as(diff.render("before", "after down")).isTrue();
        assertThat(afterDown.render()).isEqualTo(before.render());
    }

    @Test
    void basculesOwnTablesAreLeftOut(TestDatabase db) throws SQLException {
        Snapshots.run(db, "CREATE TABLE public.moves (id integer PRIMARY KEY)");
        SchemaSnapshot before = Snapshots.read(db);
        try (Connection c = db.admin().connect()) {
            new HistoryTable("public", "bascule_schema_migrations").ensureExists(c);
            new HistoryTable("bascule", "bascule_schema_migrations").ensureExists(c);
        }
        Snapshots.run(db, "CREATE TABLE public.bascule_schema_migrations_progress (id bigserial PRIMARY KEY, n integer)",
                "CREATE INDEX bascule_progress_n ON public.bascule_schema_migrations_progress (n)");
        assertThat(db.tableExists("bascule_schema_migrations")).isTrue();

        SchemaSnapshot after = Snapshots.read(db, SnapshotOptions.defaults());
        SchemaSnapshot afterWithOtherSchema = Snapshots.read(db, SnapshotOptions.defaults()
                .withHistoryTable("bascule", "bascule_schema_migrations"));

        SchemaDiff diff = SchemaDiff.between(before, after);
        // Only the copy in the other schema, which these options do not call Bascule's, shows.
        assertThat(diff.render()).isEqualTo("""
                schema bascule: missing in A
                sequence bascule.bascule_schema_migrations_id_seq: missing in A
                table bascule.bascule_schema_migrations: missing in A
                index bascule.bascule_schema_migrations_version_key: missing in A
                """);
        assertThat(after.render()).doesNotContain("public.bascule_schema_migrations");
        assertThat(afterWithOtherSchema.render()).doesNotContain("bascule.bascule_schema_migrations").doesNotContain("schema bascule")
                .contains("table public.bascule_schema_migrations");
    }

    @Test
    void extensionMembersAndTemporaryTablesAreLeftOut(TestDatabase db) throws SQLException {
        SchemaSnapshot empty = Snapshots.read(db);
        Snapshots.run(db, "CREATE EXTENSION pgcrypto", "CREATE EXTENSION citext");
        try (Connection c = db.admin().connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE scratch (x integer)");
            SchemaSnapshot withExtensions = SchemaSnapshot.read(c, SnapshotOptions.defaults());

            SchemaDiff diff = SchemaDiff.between(empty, withExtensions);
            assertThat(diff.render()).isEqualTo("extension citext: missing in A\nextension pgcrypto: missing in A\n");
        }
    }

    @Test
    void readsInsideTheCallersTransactionAndLeavesTheSessionAsItWas(TestDatabase db) throws SQLException {
        try (Connection c = db.admin().connect(); Statement st = c.createStatement()) {
            st.execute("SET search_path = public");
            st.execute("SET TimeZone = 'Asia/Tokyo'");
            c.setAutoCommit(false);
            st.execute("CREATE TABLE uncommitted (x integer)");

            SchemaSnapshot inside = SchemaSnapshot.read(c, SnapshotOptions.defaults());

            assertThat(inside.object(ObjectKind.TABLE, "public.uncommitted")).isPresent();
            assertThat(setting(st, "search_path")).isEqualTo("public");
            assertThat(setting(st, "TimeZone")).isEqualTo("Asia/Tokyo");
            st.execute("INSERT INTO uncommitted VALUES (1)"); // the transaction is still usable
            c.rollback();
            c.setAutoCommit(true);

            SchemaSnapshot outside = SchemaSnapshot.read(c, SnapshotOptions.defaults());

            assertThat(outside.object(ObjectKind.TABLE, "public.uncommitted")).isEmpty();
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(setting(st, "search_path")).isEqualTo("public");
            assertThat(setting(st, "transaction_read_only")).isEqualTo("off");
        }
    }

    @Test
    void ownershipAndGrantsOnlyWhenAsked(TestDatabase db) {
        Snapshots.run(db, "CREATE ROLE snapshot_reader", "CREATE TABLE public.t (id integer, secret text)",
                "GRANT SELECT (id) ON public.t TO snapshot_reader", "GRANT INSERT ON public.t TO snapshot_reader");
        try {
            SchemaObject plain = Snapshots.read(db).object(ObjectKind.TABLE, "public.t").orElseThrow();
            SchemaObject detailed = Snapshots.read(db, SnapshotOptions.defaults().with(Detail.OWNERSHIP, Detail.GRANTS))
                    .object(ObjectKind.TABLE, "public.t").orElseThrow();

            assertThat(plain.attributes()).extracting(Attribute::key).doesNotContain("owner", "grants");
            assertThat(detailed.value("owner")).contains("postgres");
            assertThat(detailed.value("grants").orElseThrow()).contains("snapshot_reader=a/postgres");
            assertThat(detailed.value("grants on column id")).contains("snapshot_reader=r/postgres");
        } finally {
            Snapshots.run(db, "DROP TABLE public.t", "DROP ROLE snapshot_reader");
        }
    }

    @Test
    void aLockedTableStopsTheReadWithinTheTimeoutAndNamesWhoHoldsIt(TestDatabase db) throws SQLException {
        Snapshots.run(db, "CREATE TABLE public.t (x integer)", "CREATE VIEW public.v AS SELECT x FROM public.t");
        SnapshotOptions oneSecond = SnapshotOptions.defaults().withTimeout(Duration.ofSeconds(1));
        try (Connection holder = db.admin().connect(); Statement h = holder.createStatement()) {
            holder.setAutoCommit(false);
            h.execute("LOCK TABLE public.t IN ACCESS EXCLUSIVE MODE");
            String pid = pid(h);
            try (Connection c = db.admin().connect(); Statement st = c.createStatement()) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> SchemaSnapshot.read(c, oneSecond)).isInstanceOf(SQLException.class)
                        .hasMessageContaining("schema snapshot: reading tables, views and sequences failed")
                        .hasMessageContaining("lock timeout")
                        .hasMessageContaining("waiting for: pid " + pid + " holds ACCESS EXCLUSIVE on public.t (idle in transaction");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                assertThat(c.getAutoCommit()).isTrue();

                // Inside the caller's transaction, a failed read leaves that transaction usable.
                c.setAutoCommit(false);
                st.execute("CREATE TABLE public.mine (y integer)");
                assertThatThrownBy(() -> SchemaSnapshot.read(c, oneSecond)).hasMessageContaining("lock timeout");
                st.execute("INSERT INTO public.mine VALUES (1)");
                c.commit();
            }
            holder.rollback();
        }
        assertThat(db.column("SELECT count(*) FROM public.mine")).containsExactly("1");
    }

    private static String pid(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String setting(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
