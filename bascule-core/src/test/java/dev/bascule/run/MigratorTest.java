package dev.bascule.run;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.catalog.Version;
import dev.bascule.error.BasculeException;
import dev.bascule.plan.MigrationState;
import dev.bascule.plan.Plan;
import dev.bascule.plan.PlanEntry;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedPostgresExtension.class)
class MigratorTest {

    @TempDir
    Path tmp;

    private Settings.Builder config(TestDatabase db, MigrationFolder folder) {
        return Bascule.configure().database(db.admin()).locations(folder.path()).lockWait(Duration.ofSeconds(5));
    }

    @Test
    void appliesInVersionOrderOnceAndOnlyOnce(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("20240102000000_add_column.up.sql", "ALTER TABLE t ADD COLUMN b int;");
        m.write("20240101000000_create.up.sql", "CREATE TABLE t (a int);");
        m.write("manifest.txt", "20240102000000_add_column.up.sql\n20240101000000_create.up.sql\n");
        Bascule bascule = config(db, m).manifest(m.resolve("manifest.txt").toString()).load();

        MigrateResult first = bascule.migrate();
        assertThat(first.applied()).extracting(x -> x.fileName())
                .containsExactly("20240101000000_create.up.sql", "20240102000000_add_column.up.sql");
        assertThat(bascule.migrate().applied()).isEmpty();
        assertThat(db.column("SELECT version || ' ' || kind || ' ' || success FROM bascule_schema_migrations ORDER BY id"))
                .containsExactly("20240101000000 schema true", "20240102000000 schema true");
        assertThat(bascule.status().entries()).extracting(PlanEntry::state).containsOnly(MigrationState.APPLIED);
    }

    @Test
    void targetStopsAtAVersion(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        m.write("2_b.up.sql", "CREATE TABLE b (x int);");
        assertThat(config(db, m).target(Version.parse("1")).load().migrate().applied()).hasSize(1);
        assertThat(db.tableExists("b")).isFalse();
        assertThat(config(db, m).load().status().entries()).extracting(PlanEntry::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
    }

    @Test
    void aFailingMigrationNamesFileLineAndSqlstateAndLeavesNothingApplied(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_ok.up.sql", "CREATE TABLE ok (x int);");
        m.write("2_bad.up.sql", "-- comment\nCREATE TABLE half (x int);\n\nINSERT INTO half\n  SELECT * FROM no_such_table;\n");
        Bascule bascule = config(db, m).load();
        assertThatThrownBy(bascule::migrate)
                .isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> {
                    assertThat(e.getMessage()).startsWith(m.resolve("2_bad.up.sql") + ":5: ERROR: relation \"no_such_table\" does not exist")
                            .contains("SQLSTATE: 42P01").contains("rolled back");
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.exitCode()).isEqualTo(1);
                });
        assertThat(db.tableExists("ok")).isTrue();
        assertThat(db.tableExists("half")).isFalse();
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("1");
    }

    @Test
    void concurrentlyInATransactionalMigrationIsRejectedBeforeAnythingRuns(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_table.up.sql", "CREATE TABLE t (a int);");
        m.write("2_index.up.sql", "CREATE TABLE u (a int);\n"
                + "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN REFRESH MATERIALIZED VIEW CONCURRENTLY mv; END $$;\n"
                + "create index concurrently t_a on t (a);\n");
        assertThatThrownBy(() -> config(db, m).load().migrate())
                .isInstanceOfSatisfying(BasculeException.ValidationFailed.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.file()).endsWith("2_index.up.sql");
                        assertThat(p.line()).isEqualTo(3);
                        assertThat(p.message()).contains("CREATE INDEX CONCURRENTLY").contains("-- bascule:no-transaction");
                    });
                    assertThat(e.exitCode()).isEqualTo(3);
                });
        assertThat(db.tableExists("t")).isFalse();
    }

    @Test
    void noTransactionMigrationRunsConcurrentIndexAndAFailureBlocksUntilRepair(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_table.up.sql", "CREATE TABLE t (a int);\nINSERT INTO t SELECT generate_series(1, 100);");
        m.write("2_index.up.sql", "-- bascule:no-transaction\nCREATE INDEX CONCURRENTLY t_a ON t (a);\nCREATE INDEX CONCURRENTLY t_b ON t (b);\n");
        Bascule bascule = config(db, m).load();
        assertThatThrownBy(bascule::migrate).isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e ->
                assertThat(e.getMessage()).contains("2_index.up.sql:3: ERROR: column \"b\" does not exist")
                        .contains("bascule repair"));
        assertThat(db.column("SELECT indexname FROM pg_indexes WHERE tablename = 't'")).containsExactly("t_a");
        assertThat(bascule.status().entries()).extracting(PlanEntry::state).containsExactly(MigrationState.APPLIED, MigrationState.FAILED);

        assertThatThrownBy(bascule::migrate).isInstanceOfSatisfying(BasculeException.ValidationFailed.class, e ->
                assertThat(e.getMessage()).contains("2_index.up.sql").contains("run 'bascule repair'"));

        m.write("2_index.up.sql", "-- bascule:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);\n");
        assertThat(bascule.repair()).singleElement().satisfies(s -> assertThat(s).contains("removed 1 failed"));
        assertThat(bascule.migrate().applied()).hasSize(1);
        assertThat(bascule.status().entries()).extracting(PlanEntry::state).containsOnly(MigrationState.APPLIED);
    }

    @Test
    void aChangedAppliedMigrationIsAnErrorOutsideDevAndAWarningInDev(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        config(db, m).load().migrate();
        m.write("1_a.up.sql", "CREATE TABLE a (x int, y int);");
        m.write("2_b.up.sql", "CREATE TABLE b (x int);");

        assertThatThrownBy(() -> config(db, m).load().migrate()).isInstanceOfSatisfying(BasculeException.ValidationFailed.class,
                e -> assertThat(e.getMessage()).contains("1_a.up.sql").contains("migrations run once and only once: write a new migration"));
        assertThat(db.tableExists("b")).isFalse();

        List<String> warnings = new ArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void warning(dev.bascule.error.Problem problem) {
                warnings.add(problem.toString());
            }
        };
        assertThat(config(db, m).dev(true).listener(listener).load().migrate().applied()).hasSize(1);
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w).contains("1_a.up.sql").contains("write a new migration"));
        Plan plan = config(db, m).dev(true).load().status();
        assertThat(plan.entries()).extracting(PlanEntry::state).containsExactly(MigrationState.CHANGED, MigrationState.APPLIED);
    }

    @Test
    void copyFromStdinLoadsInlineData(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_copy.up.sql", "CREATE TABLE c (id int, name text);\nCOPY c (id, name) FROM stdin;\n1\tone\n2\ttwo;still data\n\\.\n"
                + "INSERT INTO c VALUES (3, 'three');\n");
        config(db, m).load().migrate();
        assertThat(db.column("SELECT name FROM c ORDER BY id")).containsExactly("one", "two;still data", "three");
    }

    @Test
    void sessionSettingsDoNotLeakIntoTheNextMigration(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_dump.up.sql", "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.a (x int);");
        m.write("2_next.up.sql", "CREATE TABLE b (x int);");
        config(db, m).load().migrate();
        assertThat(db.column("SELECT schemaname FROM pg_tables WHERE tablename = 'b'")).containsExactly("public");
    }

    @Test
    void aSecondRunnerWaitsForTheLockAndGivesUpWithExitCodeFour(TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        long key = dev.bascule.history.AdvisoryLock.keyFor(new dev.bascule.history.HistoryTable("public", "bascule_schema_migrations"));
        try (java.sql.Connection holder = db.admin().connect(); java.sql.Statement st = holder.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + key + ")");
            List<String> infos = new ArrayList<>();
            MigrationListener listener = new MigrationListener() {
                @Override
                public void info(String message) {
                    infos.add(message);
                }
            };
            assertThatThrownBy(() -> config(db, m).lockWait(Duration.ofSeconds(1)).listener(listener).load().migrate())
                    .isInstanceOfSatisfying(BasculeException.LockNotObtained.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(4);
                        assertThat(e.getMessage()).contains("advisory lock").contains("backend pid");
                    });
            assertThat(infos).anySatisfy(i -> assertThat(i).contains("waiting up to 1 s"));
        }
        assertThat(db.tableExists("a")).isFalse();
    }

    @Test
    void wrongPasswordAndUnreachableDatabaseAreConfigurationErrorsWithoutThePassword(TestDatabase db) {
        db.execute("CREATE ROLE app LOGIN PASSWORD 'right-secret'");
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "SELECT 1;");
        assertThatThrownBy(() -> Bascule.configure().dataSource(db.url(), "app", "wrong-secret-123").locations(m.path()).load().migrate())
                .isInstanceOfSatisfying(BasculeException.Configuration.class, e -> {
                    assertThat(e.getMessage()).contains("cannot log in").contains("password authentication failed for user \"app\"")
                            .contains("28P01").doesNotContain("wrong-secret-123");
                    assertThat(e.exitCode()).isEqualTo(2);
                });
        assertThatThrownBy(() -> Bascule.configure().dataSource("jdbc:postgresql://127.0.0.1:1/nowhere?password=hunter2", "app", "hunter2")
                .locations(m.path()).load().migrate())
                .isInstanceOfSatisfying(BasculeException.Configuration.class, e ->
                        assertThat(e.getMessage()).contains("cannot reach the database at jdbc:postgresql://127.0.0.1:1/nowhere")
                                .doesNotContain("hunter2"));
    }

    @Test
    void resetIsRefusedUnlessResettableAndOtherwiseRebuildsFromScratch(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        config(db, m).load().migrate();
        db.execute("INSERT INTO a VALUES (1)");
        assertThatThrownBy(() -> config(db, m).load().reset())
                .isInstanceOfSatisfying(BasculeException.Configuration.class, e ->
                        assertThat(e.getMessage()).contains("not marked resettable"));
        assertThat(db.column("SELECT count(*) FROM a")).containsExactly("1");
        assertThat(config(db, m).resettable(true).load().reset().applied()).hasSize(1);
        assertThat(db.column("SELECT count(*) FROM a")).containsExactly("0");
    }

    @Test
    void secureMigrationErrorsNeverShowTheSqlOrQuotedValues(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("secure"));
        m.write("1_users.up.sql", "CREATE TABLE u (email text PRIMARY KEY);\n"
                + "INSERT INTO u VALUES ('ceo@example.mil');\nINSERT INTO u VALUES ('ceo@example.mil');\n");
        assertThatThrownBy(() -> config(db, m).secureLocations(m.path()).load().migrate())
                .isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> {
                    assertThat(e.getMessage()).contains("1_users.up.sql:3: ERROR: duplicate key value violates unique constraint")
                            .contains("23505").doesNotContain("ceo@example.mil").doesNotContain("INSERT");
                });
    }

    @Test
    void aNoTransactionFailureNamesWhatStaysAppliedAndResumesWhereItStoppedAfterRepair(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_table.up.sql", "CREATE TABLE pets (owner int, name text);");
        m.write("2_index.up.sql", "-- bascule:no-transaction\nCREATE INDEX CONCURRENTLY pets_owner_idx ON pets (owner);\n"
                + "CREATE INDEX CONCURRENTLY pets_age_idx ON pets (age);\n");
        Bascule bascule = config(db, m).load();
        assertThatThrownBy(bascule::migrate).isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e ->
                assertThat(e.getMessage()).contains("Its first 1 of 2 statement(s) stay applied: CREATE INDEX"
                        + " CONCURRENTLY pets_owner_idx ON pets (line 2)").doesNotContain("PETS_OWNER_IDX"));
        assertThat(bascule.repair()).singleElement().asString()
                .contains("2_index.up.sql resumes at statement 2 on the next migrate");
        db.execute("ALTER TABLE pets ADD COLUMN age int");
        // Without resuming, CREATE INDEX CONCURRENTLY pets_owner_idx would fail with "already exists".
        assertThat(bascule.migrate().applied()).extracting(x -> x.fileName()).containsExactly("2_index.up.sql");
        assertThat(db.column("SELECT indexname FROM pg_indexes WHERE tablename = 'pets' ORDER BY 1"))
                .containsExactly("pets_age_idx", "pets_owner_idx");
        assertThat(bascule.status().entries()).extracting(PlanEntry::state).containsOnly(MigrationState.APPLIED);
        assertThat(db.column("SELECT success || ' ' || coalesce(resume_from::text, 'null') FROM bascule_schema_migrations"
                + " WHERE version = 2")).containsExactly("true null");
    }

    @Test
    void aChangedFileAfterAFailureRunsAgainFromTheStartAndRepairSaysWhatStays(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_table.up.sql", "CREATE TABLE pets (owner int, name text);");
        m.write("2_index.up.sql", "-- bascule:no-transaction\nCREATE INDEX CONCURRENTLY pets_owner_idx ON pets (owner);\n"
                + "CREATE INDEX CONCURRENTLY pets_age_idx ON pets (age);\n");
        Bascule bascule = config(db, m).load();
        assertThatThrownBy(bascule::migrate).isInstanceOf(BasculeException.MigrationFailed.class);
        m.write("2_index.up.sql", "-- bascule:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS pets_owner_idx ON pets (owner);\n");
        assertThat(bascule.repair()).singleElement().asString().contains("removed 1 failed")
                .contains("2_index.up.sql: 1 statement(s) of the version that failed stay applied (the file changed since)");
        assertThat(bascule.migrate().applied()).hasSize(1);
    }
}
