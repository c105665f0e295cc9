package dev.bascule.run;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A transactional migration's statements go to the server in one round trip (BEGIN and every statement with one
 * Sync), its history row and COMMIT (with the next session reset) in a second once they succeeded: two round trips
 * whatever the statement count, counted on the wire by a proxy. Errors keep their file, line and text.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class PipelinedMigrationTest {

    @TempDir
    Path tmp;

    private RoundTripCountingProxy proxy;

    @BeforeEach
    void startProxy(TestDatabase db) throws IOException {
        proxy = new RoundTripCountingProxy(db.port(), "bascule_schema_migrations");
    }

    @AfterEach
    void stopProxy() throws IOException {
        proxy.close();
    }

    private Settings.Builder config(TestDatabase db, MigrationFolder folder) {
        return Bascule.configure().database(new Database(proxy.url(db.name()), "postgres", null))
                .locations(folder.path()).lockWait(Duration.ofSeconds(5));
    }

    /** Round trips of the run's own connection (the one that touches the history table) during one migrate. */
    private int roundTripsOfMigrate(TestDatabase db, MigrationFolder m) {
        int before = proxy.roundTripsOfMarkedConnections();
        config(db, m).load().migrate();
        return proxy.roundTripsOfMarkedConnections() - before;
    }

    private static String statements(String table, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "INSERT INTO " + table + " VALUES (" + i + ");\n")
                .collect(Collectors.joining());
    }

    @Test
    void eachMigrationCostsOneRoundTripWhateverItsStatementCount(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_create.up.sql", "CREATE TABLE t (x int);\nCREATE TABLE u (x int);\n");
        roundTripsOfMigrate(db, m); // creates the history table
        int nothingPending = roundTripsOfMigrate(db, m);

        m.write("2_twelve.up.sql", statements("t", 12));
        // The session reset before the first migration, then the statements' pipeline, then history row and COMMIT.
        assertThat(roundTripsOfMigrate(db, m) - nothingPending).isEqualTo(1 + 2);

        m.write("3_one.up.sql", "INSERT INTO u VALUES (1);\n");
        m.write("4_forty.up.sql", statements("u", 40));
        assertThat(roundTripsOfMigrate(db, m) - nothingPending).isEqualTo(1 + 2 + 2);

        assertThat(db.column("SELECT count(*) FROM t")).containsExactly("12");
        assertThat(db.column("SELECT count(*) FROM u")).containsExactly("41");
        assertThat(db.column("SELECT script || ' ' || success FROM bascule_schema_migrations ORDER BY id"))
                .containsExactly("1_create.up.sql true", "2_twelve.up.sql true", "3_one.up.sql true", "4_forty.up.sql true");
    }

    @Test
    void aLongMigrationIsSentInBoundedPipelines(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_create.up.sql", "CREATE TABLE t (x int);\n");
        roundTripsOfMigrate(db, m);
        int nothingPending = roundTripsOfMigrate(db, m);
        m.write("2_long.up.sql", statements("t", PipelinedMigration.MAX_STATEMENTS + 50));
        assertThat(roundTripsOfMigrate(db, m) - nothingPending).isEqualTo(1 + 2 + 1);
        assertThat(db.column("SELECT count(*) FROM t")).containsExactly("150");
    }

    @Test
    void statementsReturningRowsRunInThePipelineAndTheHistoryRowTimesTheMigration(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_create.up.sql", "CREATE TABLE t (x int);\n");
        roundTripsOfMigrate(db, m);
        int nothingPending = roundTripsOfMigrate(db, m);
        m.write("2_rows.up.sql", "SELECT set_config('bascule.test', 'from-the-pipeline', false);\n"
                + "SELECT pg_sleep(0.3);\nCREATE TABLE copied AS SELECT current_setting('bascule.test') AS v;\n"
                + "INSERT INTO t VALUES (1) RETURNING x;\nSELECT FROM t;\n");
        assertThat(roundTripsOfMigrate(db, m) - nothingPending).isEqualTo(1 + 2);
        assertThat(db.column("SELECT v FROM copied")).containsExactly("from-the-pipeline");
        assertThat(db.column("SELECT execution_ms >= 300 FROM bascule_schema_migrations WHERE script = '2_rows.up.sql'"))
                .containsExactly("t");
    }

    @Test
    void theStatementTimeoutLimitsEachStatementNotThePipeline(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_slow.up.sql", "SELECT pg_sleep(0.4);\nSELECT pg_sleep(0.4);\nSELECT pg_sleep(0.4);\nCREATE TABLE done (x int);\n");
        config(db, m).statementTimeout(Duration.ofMillis(1000)).load().migrate();
        assertThat(db.tableExists("done")).isTrue();
    }

    @Test
    void aFailingFirstStatementIsNamedWithFileAndLine(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_bad.up.sql", "-- first\nCREATE TABLE a (x int REFERENCES nope);\nCREATE TABLE b (x int);\n");
        assertThatThrownBy(() -> config(db, m).load().migrate())
                .isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(m.resolve("1_bad.up.sql") + ":2: ERROR: relation \"nope\" does not exist"
                            + "\n  SQLSTATE: 42P01\n  in migration 1_bad.up.sql, statement starting at line 2."
                            + "\nIt was rolled back: nothing of it is applied.");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.sqlState()).isEqualTo("42P01");
                });
        assertThat(db.tableExists("a")).isFalse();
        assertThat(db.tableExists("b")).isFalse();
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("0");
    }

    @Test
    void aFailingMiddleStatementIsNamedAtTheLineOfItsError(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_ok.up.sql", "CREATE TABLE ok (x int);\n");
        m.write("2_bad.up.sql", "CREATE TABLE half (x int);\nSELECT set_config('a.b', 'c', false);\n"
                + "INSERT INTO half\n  SELECT x\n  FROM no_such_table;\nCREATE TABLE after_it (x int);\n");
        assertThatThrownBy(() -> config(db, m).load().migrate())
                .isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(m.resolve("2_bad.up.sql") + ":5: ERROR: relation \"no_such_table\" does not exist"
                            + "\n  SQLSTATE: 42P01\n  in migration 2_bad.up.sql, statement starting at line 3."
                            + "\nIt was rolled back: nothing of it is applied.");
                    assertThat(e.line()).isEqualTo(5);
                });
        assertThat(db.tableExists("ok")).isTrue();
        assertThat(db.tableExists("half")).isFalse();
        assertThat(db.tableExists("after_it")).isFalse();
        assertThat(db.column("SELECT script FROM bascule_schema_migrations")).containsExactly("1_ok.up.sql");
    }

    @Test
    void aFailingLastStatementIsNamedWithDetailAndTheNextMigrationDoesNotRun(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_bad.up.sql", "CREATE TABLE k (x int PRIMARY KEY);\nINSERT INTO k VALUES (1);\n\nINSERT INTO k VALUES (1);\n");
        m.write("2_next.up.sql", "CREATE TABLE next (x int);\n");
        assertThatThrownBy(() -> config(db, m).load().migrate())
                .isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e ->
                        assertThat(e.getMessage()).isEqualTo(m.resolve("1_bad.up.sql") + ":4: ERROR: duplicate key value violates unique constraint \"k_pkey\""
                                + "\n  DETAIL: Key (x)=(1) already exists.\n  SQLSTATE: 23505"
                                + "\n  in migration 1_bad.up.sql, statement starting at line 4."
                                + "\nIt was rolled back: nothing of it is applied."));
        assertThat(db.tableExists("k")).isFalse();
        assertThat(db.tableExists("next")).isFalse();
    }

    @Test
    void aSecureMigrationsFailingStatementIsMaskedAsBefore(TestDatabase db) {
        MigrationFolder secure = new MigrationFolder(tmp.resolve("secure"));
        secure.write("1_users.up.sql", "CREATE TABLE users (tac text PRIMARY KEY);\nINSERT INTO users VALUES ('SECRET-1');\n"
                + "INSERT INTO users VALUES ('SECRET-1');\n");
        assertThatThrownBy(() -> config(db, secure).secureLocations(secure.path().toString()).load().migrate())
                .isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(secure.resolve("1_users.up.sql") + ":3: ERROR: duplicate key value"
                            + " violates unique constraint \"***\"\n  SQLSTATE: 23505\n  in migration 1_users.up.sql, statement"
                            + " starting at line 3.\nIt was rolled back: nothing of it is applied.");
                    assertThat(e.getMessage()).doesNotContain("SECRET");
                });
    }

    @Test
    void aDeferredConstraintFailingAtCommitIsReportedAsTheRecordingStepAsBefore(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_deferred.up.sql", "CREATE TABLE p (id int PRIMARY KEY);\n"
                + "CREATE TABLE c (p int REFERENCES p DEFERRABLE INITIALLY DEFERRED);\nINSERT INTO c VALUES (7);\n");
        assertThatThrownBy(() -> config(db, m).load().migrate())
                .isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> {
                    assertThat(e.getMessage()).startsWith(m.resolve("1_deferred.up.sql") + ": recording it in ")
                            .contains("(SQLSTATE 23503)").endsWith("\nIt was rolled back: nothing of it is applied.");
                    assertThat(e.sqlState()).isEqualTo("23503");
                });
        assertThat(db.tableExists("p")).isFalse();
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("0");
    }

    @Test
    void aFilePgjdbcWouldSplitDifferentlyRunsStatementByStatement(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_create.up.sql", "CREATE TABLE t (x int);\n");
        roundTripsOfMigrate(db, m);
        int nothingPending = roundTripsOfMigrate(db, m);
        // pgjdbc glues everything after a BEGIN ATOMIC body to it (pgjdbc #3259); Bascule splits it like psql.
        m.write("2_atomic.up.sql", "CREATE FUNCTION one() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\nEND;\n"
                + "INSERT INTO t SELECT one();\n");
        // The reset, pgjdbc's BEGIN (a simple query of its own), the 2 statements, then history row and COMMIT.
        assertThat(roundTripsOfMigrate(db, m) - nothingPending).isEqualTo(1 + 1 + 2 + 1);
        assertThat(db.column("SELECT x FROM t")).containsExactly("1");
    }
}
