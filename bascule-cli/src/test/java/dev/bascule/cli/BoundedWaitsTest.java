package dev.bascule.cli;

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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Never hang: a lock held on the history table, on a table a migration alters, and an idle transaction that a
 * {@code CREATE INDEX CONCURRENTLY} must wait for. Each wait ends within its limit ({@code --lock-timeout 2s}) with a
 * message naming the blocking backend's pid. The runner is a child process, so a hang is killed, not waited out.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class BoundedWaitsTest {

    /** The lock timeout given, and how long a run may take on a busy machine (JVM start included). */
    private static final String LOCK_TIMEOUT = "2s";
    private static final Duration RUN_LIMIT = Duration.ofSeconds(45);

    @TempDir
    Path tmp;

    private MigrationFolder m;

    @BeforeEach
    void folder() {
        m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_t.up.sql", "CREATE TABLE t (x int);\nINSERT INTO t VALUES (1);\n");
    }

    private CliProcess.Result run(TestDatabase db, String command) {
        return CliProcess.run(tmp, Map.of(), RUN_LIMIT, command, "--url", db.url(), "--user", "postgres", "--path", m.path(),
                "--lock-timeout", LOCK_TIMEOUT, "--lock-wait", "5s");
    }

    /** An admin session that opens a transaction, runs {@code sql} and stays idle in it; returns its pid. */
    private static int holdInTransaction(Connection holder, String sql) throws Exception {
        holder.setAutoCommit(false);
        try (Statement st = holder.createStatement()) {
            st.execute(sql);
            try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void aLockOnTheHistoryTableEndsStatusAndMigrateWithinTheLimitNamingTheBlocker(TestDatabase db) throws Exception {
        assertThat(run(db, "migrate").exitCode()).isZero();
        m.write("2_u.up.sql", "CREATE TABLE u (x int);\n");
        try (Connection holder = db.admin().connect()) {
            int blocker = holdInTransaction(holder, "LOCK TABLE bascule_schema_migrations IN ACCESS EXCLUSIVE MODE");
            for (String command : new String[]{"status", "migrate"}) {
                CliProcess.Result result = run(db, command);
                assertThat(result.finished()).as(command + ": " + result).isTrue();
                assertThat(result.exitCode()).as(command + ": " + result).isNotZero();
                assertThat(result.output()).as(command).contains(String.valueOf(blocker)).contains("bascule_schema_migrations");
            }
        }
        assertThat(db.tableExists("u")).isFalse();
    }

    @PostgresMatrixTest
    void aLockOnAMigratedTableEndsTheMigrationWithinTheLimitNamingTheBlocker(TestDatabase db) throws Exception {
        assertThat(run(db, "migrate").exitCode()).isZero();
        m.write("2_alter.up.sql", "ALTER TABLE t ADD COLUMN y int;\n");
        try (Connection holder = db.admin().connect()) {
            int blocker = holdInTransaction(holder, "SELECT * FROM t");
            CliProcess.Result result = run(db, "migrate");
            assertThat(result.finished()).as(result.toString()).isTrue();
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.output()).contains("2_alter.up.sql:1").contains(String.valueOf(blocker));
        }
        assertThat(db.column("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'y'"))
                .containsExactly("0");
    }

    @Test
    void anIdleTransactionBlockingCreateIndexConcurrentlyEndsItWithinTheLimitNamingTheBlocker(TestDatabase db)
            throws Exception {
        assertThat(run(db, "migrate").exitCode()).isZero();
        m.write("2_index.up.sql", "-- bascule:no-transaction\nCREATE INDEX CONCURRENTLY t_x ON t (x);\n");
        try (Connection holder = db.admin().connect()) {
            holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            int blocker = holdInTransaction(holder, "SELECT count(*) FROM pg_class"); // holds a snapshot, idle
            CliProcess.Result result = run(db, "migrate");
            assertThat(result.finished()).as(result.toString()).isTrue();
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.output()).contains("2_index.up.sql:2").contains(String.valueOf(blocker));
        }
    }

    /** What holds today: the lock timeout ends the migration's own wait, and nothing of it stays applied. */
    @PostgresMatrixTest
    void aLockTimeoutOnAMigratedTableEndsTheRunWithinTheLimitAndRollsBack(TestDatabase db) throws Exception {
        assertThat(run(db, "migrate").exitCode()).isZero();
        m.write("2_alter.up.sql", "CREATE TABLE v (x int);\nALTER TABLE t ADD COLUMN y int;\n");
        try (Connection holder = db.admin().connect()) {
            holdInTransaction(holder, "SELECT * FROM t");
            CliProcess.Result result = run(db, "migrate");
            assertThat(result.finished()).as(result.toString()).isTrue();
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.output()).contains("2_alter.up.sql:2").contains("lock timeout").contains("rolled back");
        }
        assertThat(db.tableExists("v")).isFalse();
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("1");
    }
}
