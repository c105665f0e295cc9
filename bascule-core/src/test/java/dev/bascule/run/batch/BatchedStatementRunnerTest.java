package dev.bascule.run.batch;

import dev.bascule.error.BasculeException;
import dev.bascule.history.BatchProgress;
import dev.bascule.history.HistoryTable;
import dev.bascule.history.ProgressKey;
import dev.bascule.history.ProgressTable;
import dev.bascule.sql.DirectiveKind;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.Statement;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batch loop on real PostgreSQL: 200,000 rows with gaps in the key, an UPDATE that changes the very column
 * its WHERE reads, and a trigger counting every change of every row.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class BatchedStatementRunnerTest {

    static final String FILE = "20260301000000_lowercase_emails.up.sql";
    static final ProgressTable PROGRESS = ProgressTable.beside(new HistoryTable("public", "bascule_schema_migrations"));
    static final ProgressKey KEY = new ProgressKey("20260301000000", 1, "c0ffee");

    /**
     * 200,000 users; ids 10*i + i%7 (irregular gaps) with two ranges deleted (gaps wider than a batch). A fifth
     * of the rows is already clean; {@code dirty} remembers which rows the backfill must change, {@code changes}
     * counts the UPDATEs each row went through.
     */
    static void createUsers(TestDatabase db) {
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, dirty boolean NOT NULL,"
                + " changes int NOT NULL DEFAULT 0);"
                + "INSERT INTO users (id, email, dirty) SELECT 10 * i + i % 7, CASE WHEN i % 5 = 0"
                + " THEN 'user' || i || '@example.org' ELSE ' User' || i || '@Example.ORG ' END, i % 5 <> 0"
                + " FROM generate_series(1, 200000) i;"
                + "DELETE FROM users WHERE id BETWEEN 300000 AND 420000 OR id BETWEEN 1500000 AND 1500999;"
                + "CREATE FUNCTION count_change() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN NEW.changes := OLD.changes + 1; RETURN NEW; END $$;"
                + "CREATE TRIGGER users_count BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION count_change();");
        db.execute("VACUUM ANALYZE users");
    }

    static Statement backfill(int size) {
        return backfill(size, "email <> lower(trim(email))");
    }

    static Statement backfill(int size, String where) {
        return ScriptParser.parse(FILE, "-- data\n-- bascule:batch size=" + size + "\n"
                + "UPDATE users SET email = lower(trim(email))\n WHERE " + where + ";\n")
                .statements().get(0);
    }

    static BatchOptions options(Statement statement) {
        return BatchOptions.parse(statement.directive(DirectiveKind.BATCH).orElseThrow());
    }

    /** Rows whose change count is not what the backfill owes them (1 for dirty rows, 0 for clean ones). */
    static long wronglyChanged(TestDatabase db) {
        return Long.parseLong(db.column("SELECT count(*) FROM users WHERE changes <> dirty::int"
                + " OR email <> lower(trim(email))").get(0));
    }

    @Test
    void eachQualifyingRowChangesExactlyOnceAcrossGapsWhileTheUpdateChangesWhatItsWhereReads(TestDatabase db)
            throws SQLException {
        createUsers(db);
        long dirty = Long.parseLong(db.column("SELECT count(*) FROM users WHERE dirty").get(0));
        long total = Long.parseLong(db.column("SELECT count(*) FROM users").get(0));
        Statement statement = backfill(5000);
        List<BatchPosition> before = new ArrayList<>();
        List<BatchReport> after = new ArrayList<>();
        BatchResult result;
        try (Connection c = db.admin().connect()) {
            result = new BatchedStatementRunner(PROGRESS).run(c, statement, options(statement), KEY, new BatchListener() {
                @Override
                public void beforeBatch(Connection connection, BatchPosition position) throws SQLException {
                    assertThat(connection.getAutoCommit()).isTrue();
                    before.add(position);
                }

                @Override
                public void afterBatch(BatchReport report) {
                    after.add(report);
                }
            });
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(wronglyChanged(db)).isZero();
        assertThat(result.rowsThisRun()).isEqualTo(dirty);
        assertThat(result.rowsDone()).isEqualTo(dirty);
        assertThat(result.batchesThisRun()).isEqualTo(total / 5000 + 1);
        assertThat(result.alreadyFinished()).isFalse();
        assertThat(result.resumedAfter()).isEmpty();
        assertThat(result.longestTransaction()).isPositive().isLessThan(Duration.ofSeconds(5));
        assertThat(before).hasSize((int) result.batchesThisRun());
        assertThat(before.get(0).lastKey()).isEmpty();
        assertThat(before.get(0).table()).isEqualTo("\"public\".\"users\"");
        assertThat(before.get(1).lastKey()).isEqualTo(after.get(0).keyReached());
        assertThat(after).extracting(BatchReport::batchNumber).startsWith(1L, 2L, 3L);
        assertThat(after.get(after.size() - 1).last()).isTrue();
        assertThat(after.get(after.size() - 1).keyReached()).isEmpty();
        assertThat(after.subList(0, after.size() - 1)).allSatisfy(r -> assertThat(r.last()).isFalse());
        assertThat(after.stream().mapToLong(BatchReport::rows).sum()).isEqualTo(dirty);
        // Each full batch walks exactly 5000 keys: the 5000th key after the previous bound is the next bound.
        assertThat(db.column("SELECT count(*) FROM users WHERE id <= " + after.get(0).keyReached().orElseThrow()))
                .containsExactly("5000");
        // ... and changes exactly the qualifying rows of its range.
        assertThat(db.column("SELECT count(*) FROM users WHERE dirty AND id > " + after.get(0).keyReached().orElseThrow()
                + " AND id <= " + after.get(1).keyReached().orElseThrow()))
                .containsExactly(String.valueOf(after.get(1).rows()));
        try (Connection c = db.admin().connect()) {
            BatchProgress p = PROGRESS.find(c, KEY).orElseThrow();
            assertThat(p.finished()).isTrue();
            assertThat(p.rowsDone()).isEqualTo(dirty);
            assertThat(p.batches()).isEqualTo(result.batchesThisRun());
            assertThat(p.table()).contains("\"public\".\"users\"");
            assertThat(p.keyColumn()).contains("id");
            assertThat(PROGRESS.read(c, "20260301000000")).containsExactly(p);
        }
    }

    @Test
    void aFinishedStatementNeverRunsAgain(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);"
                + "INSERT INTO t SELECT i, 0 FROM generate_series(1, 1000) i;");
        Statement statement = ScriptParser.parse(FILE, "-- bascule:batch size=300\nUPDATE t SET v = v + 1;")
                .statements().get(0);
        BatchedStatementRunner runner = new BatchedStatementRunner(PROGRESS);
        try (Connection c = db.admin().connect()) {
            assertThat(runner.run(c, statement, options(statement), KEY, BatchListener.none()).batchesThisRun())
                    .isEqualTo(4);
            BatchResult again = runner.run(c, statement, options(statement), KEY, BatchListener.none());
            assertThat(again.alreadyFinished()).isTrue();
            assertThat(again.batchesThisRun()).isZero();
            assertThat(again.rowsDone()).isEqualTo(1000);
            assertThat(db.column("SELECT DISTINCT v FROM t")).containsExactly("1");
            // The same statement of a changed file (another checksum) is another walk.
            assertThat(runner.run(c, statement, options(statement), new ProgressKey("20260301000000", 1, "beef"),
                    BatchListener.none()).rowsThisRun()).isEqualTo(1000);
            assertThat(db.column("SELECT DISTINCT v FROM t")).containsExactly("2");
            assertThat(PROGRESS.clear(c, "20260301000000")).isEqualTo(2);
            assertThat(PROGRESS.read(c, "20260301000000")).isEmpty();
            assertThat(runner.run(c, statement, options(statement), KEY, BatchListener.none()).alreadyFinished())
                    .isFalse();
            assertThat(db.column("SELECT DISTINCT v FROM t")).containsExactly("3");
        }
    }

    @Test
    void aConnectionClosedBetweenBatchesLosesNothingAndTheRerunRepeatsNothing(TestDatabase db) throws SQLException {
        createUsers(db);
        Statement statement = backfill(5000);
        BatchedStatementRunner runner = new BatchedStatementRunner(PROGRESS);
        List<Optional<String>> reached = new ArrayList<>();
        try (Connection c = db.admin().connect()) {
            assertThatThrownBy(() -> runner.run(c, statement, options(statement), KEY, new BatchListener() {
                @Override
                public void afterBatch(BatchReport report) {
                    reached.add(report.keyReached());
                    if (report.batchNumber() == 7) {
                        closeQuietly(c);
                    }
                }
            })).isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> assertThat(e.getMessage())
                    .startsWith(FILE + ":3: ERROR: ")
                    .contains("in batch 8 (keys after " + reached.get(6).orElseThrow() + ")")
                    .contains("run again to resume after key " + reached.get(6).orElseThrow()));
        }
        String seventh = reached.get(6).orElseThrow();
        assertThat(db.column("SELECT count(*) FROM users WHERE changes > 0 AND id > " + seventh)).containsExactly("0");
        assertThat(db.column("SELECT count(*) FROM users WHERE dirty AND changes = 0 AND id <= " + seventh))
                .containsExactly("0");
        BatchResult rerun;
        try (Connection c = db.admin().connect()) {
            assertThat(PROGRESS.find(c, KEY).orElseThrow().lastKey()).contains(seventh);
            rerun = runner.run(c, statement, options(statement), KEY, BatchListener.none());
        }
        assertThat(rerun.resumedAfter()).contains(seventh);
        assertThat(wronglyChanged(db)).isZero();
        assertThat(rerun.rowsDone()).isEqualTo(Long.parseLong(db.column("SELECT count(*) FROM users WHERE dirty").get(0)));
    }

    @Test
    void aBackendKilledInsideABatchRollsThatBatchBackAndTheRerunFinishesIt(TestDatabase db) throws Exception {
        createUsers(db);
        // Not idempotent: a row this UPDATE reaches twice is counted twice.
        Statement statement = backfill(5000, "dirty");
        BatchedStatementRunner runner = new BatchedStatementRunner(PROGRESS);
        CompletableFuture<Void> killer = new CompletableFuture<>();
        try (Connection c = db.admin().connect(); Connection holder = db.admin().connect()) {
            int pid = backendPid(c);
            assertThatThrownBy(() -> runner.run(c, statement, options(statement), KEY, new BatchListener() {
                @Override
                public void beforeBatch(Connection connection, BatchPosition position) throws SQLException {
                    if (position.batchNumber() == 5) {
                        // Lock a row half-way into batch 5, then kill the batcher once it waits for that row.
                        holder.setAutoCommit(false);
                        try (java.sql.Statement st = holder.createStatement()) {
                            st.executeQuery("SELECT id FROM users WHERE dirty AND id > " + position.lastKey().orElseThrow()
                                    + " ORDER BY id OFFSET 2000 LIMIT 1 FOR UPDATE").close();
                        }
                        killer.completeAsync(() -> killWhenWaiting(db, pid, holder));
                    }
                }
            })).isInstanceOf(BasculeException.MigrationFailed.class)
                    .hasMessageContaining("in batch 5 (keys after");
            killer.get(30, TimeUnit.SECONDS);
        }
        try (Connection c = db.admin().connect()) {
            BatchProgress p = PROGRESS.find(c, KEY).orElseThrow();
            assertThat(p.batches()).isEqualTo(4);
            String fourth = p.lastKey().orElseThrow();
            assertThat(db.column("SELECT count(*) FROM users WHERE changes > 0 AND id > " + fourth)).containsExactly("0");
            assertThat(runner.run(c, statement, options(statement), KEY, BatchListener.none()).resumedAfter())
                    .contains(fourth);
        }
        assertThat(wronglyChanged(db)).isZero();
    }

    @Test
    void anotherRunMovingTheProgressRollsTheBatchBack(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);"
                + "INSERT INTO t SELECT i, 0 FROM generate_series(1, 1000) i;");
        Statement statement = ScriptParser.parse(FILE, "-- bascule:batch size=100\nUPDATE t SET v = v + 1;")
                .statements().get(0);
        try (Connection c = db.admin().connect()) {
            assertThatThrownBy(() -> new BatchedStatementRunner(PROGRESS).run(c, statement, options(statement), KEY,
                    new BatchListener() {
                        @Override
                        public void afterBatch(BatchReport report) {
                            if (report.batchNumber() == 2) {
                                db.execute("UPDATE " + PROGRESS.qualifiedName() + " SET last_key = '500'");
                            }
                        }
                    })).isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> assertThat(e.getMessage())
                    .contains("another run moved the progress").contains("batch 3"));
        }
        assertThat(db.column("SELECT count(*) FROM t WHERE v = 1")).containsExactly("200");
    }

    @Test
    void aLockWaitLongerThanLockTimeoutFailsTheBatchSayingWhatToDo(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);"
                + "INSERT INTO t SELECT i, 0 FROM generate_series(1, 1000) i;");
        Statement statement = ScriptParser.parse(FILE, "-- bascule:batch size=100 lock-timeout=200ms"
                + " statement-timeout=20s pause=10ms\nUPDATE t SET v = v + 1;").statements().get(0);
        try (Connection c = db.admin().connect(); Connection holder = db.admin().connect()) {
            holder.setAutoCommit(false);
            try (java.sql.Statement st = holder.createStatement()) {
                st.execute("SELECT * FROM t WHERE id = 450 FOR UPDATE");
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> new BatchedStatementRunner(PROGRESS).run(c, statement, options(statement), KEY,
                    BatchListener.none())).isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> {
                        assertThat(e.sqlState()).isEqualTo("55P03");
                        assertThat(e.getMessage()).contains("lock_timeout").contains("in batch 5 (keys after 400)");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            holder.rollback();
            assertThat(c.getAutoCommit()).isTrue();
            try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW lock_timeout")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("0"); // SET LOCAL ended with its batch
            }
        }
        assertThat(db.column("SELECT count(*) FROM t WHERE v = 1")).containsExactly("400");
    }

    static int backendPid(Connection c) throws SQLException {
        try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Waits (at most 20 s) until backend {@code pid} waits for a lock, terminates it, then releases the lock. */
    private static Void killWhenWaiting(TestDatabase db, int pid, Connection holder) {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (db.column("SELECT 1 FROM pg_stat_activity WHERE pid = " + pid + " AND wait_event_type = 'Lock'")
                    .isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the batcher never waited for the locked row");
                }
                Thread.sleep(20);
            }
            db.execute("SELECT pg_terminate_backend(" + pid + ")");
            holder.rollback();
            return null;
        } catch (InterruptedException | SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
