package dev.bascule.run;

import dev.bascule.Bascule;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.PostgresMatrixTest;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pipelined runner on PostgreSQL 13 to 18: one round trip for a migration's statements, statements returning rows,
 * statement_timeout per statement (not per pipeline), and a failing statement named by file and line.
 */
class PipelinedMigrationMatrixTest {

    @TempDir
    Path tmp;

    @PostgresMatrixTest
    void onePipelinePerMigrationWithPerStatementTimeoutsAndExactErrors(TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_create.up.sql", "CREATE TABLE t (x int);\n");
        try (RoundTripCountingProxy proxy = new RoundTripCountingProxy(db.port(), "bascule_schema_migrations")) {
            Database through = new Database(proxy.url(db.name()), "postgres", null);
            Bascule bascule = Bascule.configure().database(through).locations(m.path()).lockWait(Duration.ofSeconds(5))
                    .statementTimeout(Duration.ofMillis(1000)).load();
            bascule.migrate();
            int before = proxy.roundTripsOfMarkedConnections();
            bascule.migrate();
            int nothingPending = proxy.roundTripsOfMarkedConnections() - before;

            // Three sleeps of 0.4 s: 1.2 s in all, each under the 1 s statement_timeout.
            m.write("2_rows.up.sql", "SELECT set_config('bascule.t', 'v', false);\nSELECT pg_sleep(0.4);\n"
                    + "SELECT pg_sleep(0.4);\nSELECT pg_sleep(0.4);\nINSERT INTO t SELECT length(current_setting('bascule.t'));\n");
            before = proxy.roundTripsOfMarkedConnections();
            Bascule.configure().database(through).locations(m.path()).lockWait(Duration.ofSeconds(5))
                    .statementTimeout(Duration.ofMillis(1000)).load().migrate();
            // The session reset, the statements' pipeline, then history row and COMMIT.
            assertThat(proxy.roundTripsOfMarkedConnections() - before - nothingPending).isEqualTo(3);
            assertThat(db.column("SELECT x FROM t")).containsExactly("1");

            m.write("3_bad.up.sql", "INSERT INTO t VALUES (2);\nSELECT pg_sleep(0.2);\nUPDATE t\n   SET x = x / 0;\n"
                    + "INSERT INTO t VALUES (3);\n");
            assertThatThrownBy(() -> Bascule.configure().database(through).locations(m.path())
                    .lockWait(Duration.ofSeconds(5)).load().migrate())
                    .isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> assertThat(e.getMessage())
                            .isEqualTo(m.resolve("3_bad.up.sql") + ":3: ERROR: division by zero\n  SQLSTATE: 22012"
                                    + "\n  in migration 3_bad.up.sql, statement starting at line 3."
                                    + "\nIt was rolled back: nothing of it is applied."));
            assertThat(db.column("SELECT x FROM t")).containsExactly("1");
        }
    }
}
