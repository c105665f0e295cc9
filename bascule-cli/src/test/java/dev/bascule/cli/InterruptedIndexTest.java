package dev.bascule.cli;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
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
 * No invalid index recorded as applied: a {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS} cut off by its lock
 * timeout leaves an INVALID index behind; after {@code repair} the rerun must not skip it as "already exists" and
 * report success while {@code pg_index.indisvalid} is false.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class InterruptedIndexTest {

    @TempDir
    Path tmp;

    private CliProcess.Result run(TestDatabase db, MigrationFolder m, String command) {
        return CliProcess.run(tmp, Map.of(), Duration.ofSeconds(60), command, "--url", db.url(), "--user", "postgres",
                "--path", m.path(), "--lock-timeout", "2s");
    }

    @Test
    void anIndexLeftInvalidByAnInterruptedBuildIsNeverRecordedAsApplied(TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_t.up.sql", "CREATE TABLE t (x int);\nINSERT INTO t SELECT generate_series(1, 1000);\n");
        assertThat(run(db, m, "migrate").exitCode()).isZero();
        m.write("2_index.up.sql", "-- bascule:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_x ON t (x);\n");
        try (Connection holder = db.admin().connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            st.executeQuery("SELECT count(*) FROM pg_class").close(); // an old snapshot the build must wait for
            CliProcess.Result interrupted = run(db, m, "migrate");
            assertThat(interrupted.exitCode()).as(interrupted.toString()).isEqualTo(1);
            assertThat(interrupted.output()).containsIgnoringCase("invalid").contains("t_x");
        }
        run(db, m, "repair");
        CliProcess.Result rerun = run(db, m, "migrate");
        boolean recordedApplied = db.column("SELECT count(*) FROM bascule_schema_migrations WHERE version = 2 AND success")
                .equals(java.util.List.of("1"));
        if (recordedApplied) {
            assertThat(db.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_x'::regclass"))
                    .as(rerun.toString()).containsExactly("t");
        } else {
            assertThat(rerun.exitCode()).as(rerun.toString()).isNotZero();
            assertThat(rerun.output()).containsIgnoringCase("invalid").contains("t_x");
        }
    }
}
