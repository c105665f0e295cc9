package dev.bascule.cli;

import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.PostgresMajor;
import dev.bascule.testing.PostgresMatrixTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An immediate server shutdown ({@code pg_ctl stop -m immediate}) in the middle of a real {@code bascule migrate}
 * run, then the server started again (crash recovery) and a rerun. The server is the test's own embedded
 * PostgreSQL, of each major 13 to 18 for the two crash points (the message test: 17); how long the migration sleeps comes from a table, so the rerun of the same, unchanged file is quick.
 */
class ServerCrashTest {

    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final String DB = "postgres";

    @TempDir
    Path tmp;

    private CrashableServer server;
    private MigrationFolder m;

    /** Starts the test's own server of {@code major} with the ledger and the first and last migrations. */
    private void startServer(PostgresMajor major) {
        server = CrashableServer.start(tmp.resolve("data"), major);
        server.execute(DB, "CREATE TABLE ledger (version int NOT NULL, part text NOT NULL);"
                + " CREATE TABLE pause (seconds float NOT NULL); INSERT INTO pause VALUES (30)");
        m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_first.up.sql", "CREATE TABLE first (x int);\nINSERT INTO ledger VALUES (1, 'tx');\n");
        m.write("3_last.up.sql", "CREATE TABLE last (x int);\nINSERT INTO ledger VALUES (3, 'tx');\n");
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private CliProcess startMigrate() {
        return CliProcess.start(tmp, Map.of(), tmp.resolve("crashed-run.log"), "migrate", "--url", server.url(DB),
                "--user", "postgres", "--path", m.path(), "--connect-timeout", "5s");
    }

    private CliProcess.Result run(String command) {
        return CliProcess.run(tmp, Map.of(), LIMIT, command, "--url", server.url(DB), "--user", "postgres", "--path", m.path());
    }

    /** Starts migrate, crashes the server at the marked statement, waits for the runner's end, restarts the server. */
    private CliProcess.Result crashAt(String marker) {
        CliProcess runner = startMigrate();
        ServerActivity.awaitStatement(server.database(DB), marker, LIMIT, runner);
        server.crash();
        CliProcess.Result crashed = runner.await(LIMIT);
        server.startAgain();
        server.execute(DB, "UPDATE pause SET seconds = 0");
        return crashed;
    }

    private List<String> column(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = server.database(DB).connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @PostgresMatrixTest
    void aTransactionalMigrationCutOffByACrashIsNotRecordedAndRunsOnceOnTheRerun(PostgresMajor major) throws Exception {
        startServer(major);
        m.write("2_sleepy.up.sql", "CREATE TABLE second (x int);\nINSERT INTO ledger VALUES (2, 'tx');\n"
                + "SELECT pg_sleep((SELECT seconds FROM pause)) /* crash-point-transactional */;\n");
        CliProcess.Result crashed = crashAt("crash-point-transactional");
        assertThat(crashed.finished()).as(crashed.toString()).isTrue();
        assertThat(crashed.exitCode()).as(crashed.toString()).isNotZero();

        assertThat(column("SELECT version || ' ' || success FROM bascule_schema_migrations ORDER BY version"))
                .containsExactly("1 true");
        assertThat(column("SELECT count(*) FROM ledger WHERE version = 2")).containsExactly("0");
        CliProcess.Result rerun = run("migrate");
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(column("SELECT version || ' ' || success FROM bascule_schema_migrations ORDER BY version"))
                .containsExactly("1 true", "2 true", "3 true");
        assertThat(column("SELECT version || ' ' || count(*) FROM ledger GROUP BY version ORDER BY version"))
                .containsExactly("1 1", "2 1", "3 1");
    }

    /**
     * What a no-transaction migration does today when the server crashes in its second statement: its history row
     * (written first, committed on its own) says failed after 1 statement; migrate refuses to go on until
     * {@code bascule repair}; after it, the whole file runs again, so its first statement runs a second time.
     */
    @PostgresMatrixTest
    void aNoTransactionMigrationCutOffByACrashIsFailedUntilRepair(PostgresMajor major) throws Exception {
        startServer(major);
        m.write("2_sleepy.up.sql", "-- bascule:no-transaction\nINSERT INTO ledger VALUES (2, 'first statement');\n"
                + "SELECT pg_sleep((SELECT seconds FROM pause)) /* crash-point-no-transaction */;\n"
                + "INSERT INTO ledger VALUES (2, 'last statement');\n");
        CliProcess.Result crashed = crashAt("crash-point-no-transaction");
        assertThat(crashed.finished()).as(crashed.toString()).isTrue();
        assertThat(crashed.exitCode()).as(crashed.toString()).isNotZero();

        assertThat(column("SELECT version || ' ' || success || ' ' || coalesce(statements_done, 0)"
                + " FROM bascule_schema_migrations ORDER BY version")).containsExactly("1 true 0", "2 false 1");
        CliProcess.Result blocked = run("migrate");
        assertThat(blocked.exitCode()).as(blocked.toString()).isEqualTo(3);
        assertThat(blocked.output()).contains("2_sleepy.up.sql").contains("bascule repair");

        assertThat(run("repair").exitCode()).isZero();
        CliProcess.Result rerun = run("migrate");
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(column("SELECT version || ' ' || success FROM bascule_schema_migrations ORDER BY version"))
                .containsExactly("1 true", "2 true", "3 true");
        assertThat(column("SELECT count(*) FROM ledger WHERE part = 'last statement'")).containsExactly("1");
        assertThat(column("SELECT count(*) FROM ledger WHERE part = 'first statement'")).first().isIn("1", "2");
    }

    @Test
    void theCrashMessageNamesTheFileAndLineAndSaysTheMigrationWasRolledBack() {
        startServer(PostgresMajor.V17);
        m.write("2_sleepy.up.sql", "CREATE TABLE second (x int);\nINSERT INTO ledger VALUES (2, 'tx');\n"
                + "SELECT pg_sleep((SELECT seconds FROM pause)) /* crash-point-message */;\n");
        CliProcess.Result crashed = crashAt("crash-point-message");
        assertThat(crashed.exitCode()).as(crashed.toString()).isEqualTo(1);
        assertThat(crashed.output()).contains(m.resolve("2_sleepy.up.sql") + ":3").contains("rolled back")
                .doesNotContain("database error outside a migration statement");
    }
}
