package dev.bascule.cli;

import dev.bascule.history.AdvisoryLock;
import dev.bascule.history.HistoryTable;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.PostgresMatrixTest;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of a real {@code bascule migrate} process at several points, then a rerun: nothing is half-applied, no
 * transactional migration is lost or applied twice, and a no-transaction migration cut off half-way is recorded as
 * failed until {@code bascule repair}. Each point is found by polling {@code pg_stat_activity} for the runner's
 * statement (a marker comment in a {@code pg_sleep}), never by a fixed sleep.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class KillRunnerTest {

    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    private MigrationFolder m;

    @BeforeEach
    void folder() {
        m = new MigrationFolder(tmp.resolve("m"));
    }

    private CliProcess start(TestDatabase db, String log) {
        return CliProcess.start(tmp, Map.of(), tmp.resolve(log), "migrate", "--url", db.url(), "--user", "postgres",
                "--path", m.path(), "--lock-wait", "60s");
    }

    private CliProcess.Result run(TestDatabase db, String... command) {
        String[] args = new String[command.length + 6];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(new String[]{"--url", db.url(), "--user", "postgres", "--path", m.path()}, 0, args, command.length, 6);
        return CliProcess.run(tmp, Map.of(), LIMIT, args);
    }

    private void ledgerAndMigrations(TestDatabase db, String sleepyMigration) {
        db.execute("CREATE TABLE ledger (version int NOT NULL, part text NOT NULL)");
        m.write("1_first.up.sql", "CREATE TABLE first (x int);\nINSERT INTO ledger VALUES (1, 'tx');\n");
        m.write("2_sleepy.up.sql", sleepyMigration);
        m.write("3_last.up.sql", "CREATE TABLE last (x int);\nINSERT INTO ledger VALUES (3, 'tx');\n");
    }

    @PostgresMatrixTest
    void killedInsideATransactionalMigrationNothingOfItStaysAndTheRerunAppliesItOnce(TestDatabase db) {
        ledgerAndMigrations(db, "CREATE TABLE second (x int);\nINSERT INTO ledger VALUES (2, 'tx');\n"
                + "SELECT pg_sleep(2) /* kill-point-transactional */;\n");
        CliProcess runner = start(db, "killed.log");
        int backend = ServerActivity.awaitStatement(db.admin(), "kill-point-transactional", LIMIT, runner);
        runner.kill();

        // The server notices the dead client only when the statement ends; then it rolls the transaction back.
        ServerActivity.awaitEnd(db.admin(), backend, LIMIT);
        assertThat(db.column("SELECT version FROM bascule_schema_migrations ORDER BY version")).containsExactly("1");
        assertThat(db.tableExists("second")).isFalse();
        assertThat(db.column("SELECT version FROM ledger ORDER BY version")).containsExactly("1");

        CliProcess.Result rerun = run(db, "migrate");
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(db.column("SELECT version || ' ' || success FROM bascule_schema_migrations ORDER BY version"))
                .containsExactly("1 true", "2 true", "3 true");
        assertThat(db.column("SELECT version || ' ' || count(*) FROM ledger GROUP BY version ORDER BY version"))
                .containsExactly("1 1", "2 1", "3 1");
    }

    @Test
    void killedWhileTheSessionStillRunsTheRerunWaitsForItsLockInsteadOfRacingIt(TestDatabase db) {
        ledgerAndMigrations(db, "INSERT INTO ledger VALUES (2, 'tx');\nSELECT pg_sleep(3) /* kill-point-orphan */;\n");
        CliProcess runner = start(db, "killed.log");
        int backend = ServerActivity.awaitStatement(db.admin(), "kill-point-orphan", LIMIT, runner);
        runner.kill();
        // Rerun at once: the orphaned session still holds the advisory lock until its statement ends.
        CliProcess.Result rerun = run(db, "migrate");
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.output()).contains("waiting up to 60 s for the migration lock").contains("backend pid " + backend);
        assertThat(db.column("SELECT version || ' ' || count(*) FROM ledger GROUP BY version ORDER BY version"))
                .containsExactly("1 1", "2 1", "3 1");
    }

    @PostgresMatrixTest
    void killedHalfWayThroughANoTransactionMigrationItIsFailedUntilRepairThenRunsAgain(TestDatabase db) {
        ledgerAndMigrations(db, "-- bascule:no-transaction\nINSERT INTO ledger VALUES (2, 'first statement');\n"
                + "SELECT pg_sleep(2) /* kill-point-no-transaction */;\nINSERT INTO ledger VALUES (2, 'last statement');\n");
        CliProcess runner = start(db, "killed.log");
        int backend = ServerActivity.awaitStatement(db.admin(), "kill-point-no-transaction", LIMIT, runner);
        runner.kill();
        ServerActivity.awaitEnd(db.admin(), backend, LIMIT);

        assertThat(db.column("SELECT version || ' ' || success FROM bascule_schema_migrations ORDER BY version"))
                .containsExactly("1 true", "2 false");
        CliProcess.Result blocked = run(db, "migrate");
        assertThat(blocked.exitCode()).as(blocked.toString()).isEqualTo(3);
        assertThat(blocked.output()).contains("2_sleepy.up.sql").contains("bascule repair");
        assertThat(db.tableExists("last")).isFalse();

        CliProcess.Result repair = run(db, "repair");
        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        CliProcess.Result rerun = run(db, "migrate");
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(db.column("SELECT version || ' ' || success FROM bascule_schema_migrations ORDER BY version"))
                .containsExactly("1 true", "2 true", "3 true");
        assertThat(db.column("SELECT count(*) FROM ledger WHERE part = 'last statement'")).containsExactly("1");
        assertThat(db.column("SELECT count(*) FROM ledger WHERE version = 3")).containsExactly("1");
        // The statement that committed before the kill runs again with the whole file after repair (today), or not at
        // all once the runner resumes where it stopped: never more than twice.
        assertThat(db.column("SELECT count(*) FROM ledger WHERE part = 'first statement'")).first()
                .isIn("1", "2");
    }

    @Test
    void killedWhileWaitingForAnotherRunnersLockNothingHappensAndTheRerunAppliesAll(TestDatabase db) throws Exception {
        ledgerAndMigrations(db, "INSERT INTO ledger VALUES (2, 'tx');\n");
        try (Connection holder = db.admin().connect(); Statement st = holder.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + AdvisoryLock.keyFor(new HistoryTable("public",
                    "bascule_schema_migrations")) + ") /* lock-held-by-test */");
            CliProcess runner = start(db, "waiting.log");
            ServerActivity.awaitSession(db.admin(), "pg_try_advisory_lock", LIMIT, runner);
            runner.kill();
        }
        assertThat(db.column("SELECT count(*) FROM ledger")).containsExactly("0");
        CliProcess.Result rerun = run(db, "migrate");
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(db.column("SELECT version || ' ' || count(*) FROM ledger GROUP BY version ORDER BY version"))
                .containsExactly("1 1", "2 1", "3 1");
    }
}
