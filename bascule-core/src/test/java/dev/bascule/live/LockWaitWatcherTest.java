package dev.bascule.live;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.bascule.live.ThrottleReplicaTest.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Blockers and the lock-wait watcher against real sessions holding real locks. */
@ExtendWith(EmbeddedPostgresExtension.class)
class LockWaitWatcherTest {

    private final List<Connection> sessions = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void closeSessions() throws SQLException {
        threads.shutdownNow();
        for (Connection c : sessions) {
            c.close();
        }
    }

    @Test
    void reportsTheSessionWhoseOpenTransactionBlocksAnAlterTableOncePerChange(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int PRIMARY KEY, status text)");
        db.execute("INSERT INTO moves SELECT g, 'draft' FROM generate_series(1, 10) g");
        Connection holder = session(db, false);
        int holderPid = LockWaitWatcher.backendPid(holder);
        execute(holder, "SELECT *\n  FROM   moves\n WHERE status = 'draft'   ");
        Connection migration = session(db, true);
        execute(migration, "SET lock_timeout = '3s'");
        int migrationPid = LockWaitWatcher.backendPid(migration);

        List<Blockers> reports = new CopyOnWriteArrayList<>();
        LockWaitWatcher.Settings settings = LockWaitWatcher.Settings.defaults().withPollInterval(Duration.ofMillis(50));
        try (LockWaitWatcher watcher = LockWaitWatcher.start(db.admin()::connect, migrationPid, settings, reports::add)) {
            assertThatThrownBy(() -> execute(migration, "ALTER TABLE moves ADD COLUMN note text"))
                    .isInstanceOfSatisfying(SqlFailure.class, e -> {
                        assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo(RetryPolicy.LOCK_NOT_AVAILABLE);
                        assertThat(RetryPolicy.defaults().isRetryable(e)).isTrue();
                    });
            awaitUntil(() -> reports.size() >= 2, Duration.ofSeconds(5), "the end of the wait to be reported");
            Thread.sleep(300); // six more polls: nothing changes, nothing more is reported

            assertThat(reports).hasSize(2);
            Blockers blocked = reports.get(0);
            assertThat(blocked.blockedPid()).isEqualTo(migrationPid);
            assertThat(blocked.waitingFor()).isEqualTo(new LockRef("AccessExclusiveLock", "moves", false));
            assertThat(blocked.pids()).containsExactly(holderPid);
            Blocker blocker = blocked.blockers().get(0);
            assertThat(blocker.user()).isEqualTo("postgres");
            assertThat(blocker.state()).isEqualTo("idle in transaction");
            assertThat(blocker.query()).isEqualTo("SELECT * FROM moves WHERE status = 'draft'");
            assertThat(blocker.lock()).isEqualTo(new LockRef("AccessShareLock", "moves", true));
            assertThat(blocker.transactionAge()).isNotNull().isLessThan(Duration.ofMinutes(1));
            assertThat(blocked.describe()).matches("blocked by pid " + holderPid + " \\(postgres, application_name=bascule,"
                    + " idle in transaction, transaction open [0-9.]+ m?s, holds AccessShareLock on moves\\):"
                    + " \"SELECT \\* FROM moves WHERE status = 'draft'\"");
            assertThat(reports.get(1).isEmpty()).isTrue();
            assertThat(watcher.lastSeenBlockers()).hasValueSatisfying(last -> assertThat(last.pids()).containsExactly(holderPid));
        }
        awaitUntil(() -> db.column("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'bascule lock watcher%'")
                .equals(List.of("0")), Duration.ofSeconds(5), "the watcher's connection to close");
    }

    @Test
    void reportsEachChangeOfBlockersAndCanHideTheirQueries(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int PRIMARY KEY, status text)");
        Connection first = session(db, false);
        int firstPid = LockWaitWatcher.backendPid(first);
        execute(first, "SELECT count(*) FROM moves WHERE status = 'secret-first'");
        Connection second = session(db, false);
        int secondPid = LockWaitWatcher.backendPid(second);
        execute(second, "INSERT INTO moves VALUES (1, 'secret-second')");
        Connection migration = session(db, true);
        execute(migration, "SET lock_timeout = '20s'");
        int migrationPid = LockWaitWatcher.backendPid(migration);

        List<Blockers> reports = new CopyOnWriteArrayList<>();
        LockWaitWatcher.Settings settings = LockWaitWatcher.Settings.defaults().withPollInterval(Duration.ofMillis(50))
                .withoutQueries();
        try (LockWaitWatcher watcher = LockWaitWatcher.start(db.admin()::connect, migrationPid, settings, reports::add)) {
            CompletableFuture<Void> alter = CompletableFuture.runAsync(() -> execute(migration,
                    "ALTER TABLE moves ADD COLUMN note text"), threads);
            awaitUntil(() -> reports.size() == 1, Duration.ofSeconds(5), "the two blockers to be reported");
            assertThat(reports.get(0).pids()).containsExactlyInAnyOrder(firstPid, secondPid).isSorted();
            assertThat(reports.get(0).blockers()).extracting(b -> b.pid() + " " + b.lock().describe())
                    .containsExactlyInAnyOrder(firstPid + " holds AccessShareLock on moves",
                            secondPid + " holds RowExclusiveLock on moves");

            first.commit();
            awaitUntil(() -> reports.size() == 2, Duration.ofSeconds(5), "the first blocker's leaving to be reported");
            assertThat(reports.get(1).pids()).containsExactly(secondPid);

            second.commit();
            alter.get(10, TimeUnit.SECONDS);
            awaitUntil(() -> reports.size() == 3, Duration.ofSeconds(5), "the end of the wait to be reported");
            assertThat(reports.get(2).isEmpty()).isTrue();
            assertThat(watcher.lastSeenBlockers()).hasValueSatisfying(b -> assertThat(b.pids()).containsExactly(secondPid));
        }
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.blockers()).allMatch(b -> b.query() == null);
            assertThat(r.describe()).doesNotContain("secret", "SELECT", "INSERT");
        });
    }

    @Test
    void namesTheTransactionThatCreateIndexConcurrentlyWaitsFor(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int PRIMARY KEY, status text)");
        Connection writer = session(db, false);
        int writerPid = LockWaitWatcher.backendPid(writer);
        execute(writer, "INSERT INTO moves VALUES (1, 'draft')");
        Connection migration = session(db, true);
        execute(migration, "SET lock_timeout = '20s'");
        int migrationPid = LockWaitWatcher.backendPid(migration);

        List<Blockers> reports = new CopyOnWriteArrayList<>();
        LockWaitWatcher.Settings settings = LockWaitWatcher.Settings.defaults().withPollInterval(Duration.ofMillis(20));
        try (LockWaitWatcher watcher = LockWaitWatcher.start(db.admin()::connect, migrationPid, settings, reports::add)) {
            CompletableFuture<Void> index = CompletableFuture.runAsync(() -> execute(migration,
                    "CREATE INDEX CONCURRENTLY moves_status_idx ON moves (status)"), threads);
            awaitUntil(() -> !reports.isEmpty(), Duration.ofSeconds(5), "the writer to be reported");
            Blockers blocked = reports.get(0);
            assertThat(blocked.pids()).containsExactly(writerPid);
            assertThat(blocked.waitingFor().target()).startsWith("virtual transaction ");
            assertThat(blocked.blockers().get(0).lock().describe()).startsWith("holds ExclusiveLock on virtual transaction ");
            assertThat(blocked.describe()).contains("\"INSERT INTO moves VALUES (1, 'draft')\"");

            writer.commit();
            index.get(15, TimeUnit.SECONDS);
            assertThat(watcher.lastSeenBlockers()).hasValueSatisfying(b -> assertThat(b.pids()).containsExactly(writerPid));
        }
        assertThat(db.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 'moves_status_idx'::regclass"))
                .containsExactly("t");
    }

    @Test
    void neverHoldsATransactionOpenEvenWhenItsSourceHandsOutTransactionalConnections(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int PRIMARY KEY, status text)");
        db.execute("INSERT INTO moves SELECT g, 'draft' FROM generate_series(1, 1000) g");
        Connection migration = session(db, true);
        execute(migration, "SET lock_timeout = '3s'");
        int migrationPid = LockWaitWatcher.backendPid(migration);
        // A source like a pool configured for REPEATABLE READ transactions: a watcher that kept its snapshot between
        // polls would make CREATE INDEX CONCURRENTLY wait for it until the lock timeout.
        ConnectionSource transactional = () -> {
            Connection c = db.admin().connect();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return c;
        };
        List<Blockers> reports = new CopyOnWriteArrayList<>();
        LockWaitWatcher.Settings settings = LockWaitWatcher.Settings.defaults().withPollInterval(Duration.ofMillis(10));
        try (LockWaitWatcher watcher = LockWaitWatcher.start(transactional, migrationPid, settings, reports::add)) {
            Thread.sleep(100);
            execute(migration, "CREATE INDEX CONCURRENTLY moves_status_idx ON moves (status)");
            assertThat(watcher.lastSeenBlockers()).isEmpty();
        }
        assertThat(db.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 'moves_status_idx'::regclass"))
                .containsExactly("t");
    }

    @Test
    void reportsAFailedPollAndCarriesOnWithANewConnection(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int)");
        Connection holder = session(db, false);
        int holderPid = LockWaitWatcher.backendPid(holder);
        Connection migration = session(db, true);
        execute(migration, "SET lock_timeout = '20s'");
        int migrationPid = LockWaitWatcher.backendPid(migration);
        List<SQLException> failures = new CopyOnWriteArrayList<>();
        List<Blockers> reports = new CopyOnWriteArrayList<>();
        LockWaitWatcher.Listener listener = new LockWaitWatcher.Listener() {
            @Override
            public void blockersChanged(Blockers blockers) {
                reports.add(blockers);
            }

            @Override
            public void pollFailed(SQLException failure) {
                failures.add(failure);
            }
        };
        String watchers = "SELECT pid FROM pg_stat_activity WHERE application_name = 'bascule lock watcher for pid "
                + migrationPid + "'";
        LockWaitWatcher.Settings settings = LockWaitWatcher.Settings.defaults().withPollInterval(Duration.ofMillis(50));
        try (LockWaitWatcher watcher = LockWaitWatcher.start(db.admin()::connect, migrationPid, settings, listener)) {
            String first = db.column(watchers).get(0);
            db.execute("SELECT pg_terminate_backend(" + first + ")");
            awaitUntil(() -> !failures.isEmpty(), Duration.ofSeconds(5), "the failed poll to be reported");
            awaitUntil(() -> db.column(watchers).size() == 1 && !db.column(watchers).contains(first), Duration.ofSeconds(5),
                    "the watcher to reconnect");

            execute(holder, "LOCK TABLE moves IN SHARE MODE");
            CompletableFuture<Void> alter = CompletableFuture.runAsync(() -> execute(migration,
                    "ALTER TABLE moves ADD COLUMN note text"), threads);
            awaitUntil(() -> !reports.isEmpty(), Duration.ofSeconds(5), "the blocker to be reported after reconnecting");
            assertThat(reports.get(0).pids()).containsExactly(holderPid);
            holder.commit();
            alter.get(10, TimeUnit.SECONDS);
            assertThat(watcher.lastSeenBlockers()).hasValueSatisfying(b -> assertThat(b.pids()).containsExactly(holderPid));
        }
    }

    @Test
    void aFailingListenerStopsTheWatcherAndCloseSaysSo(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int)");
        Connection holder = session(db, false);
        execute(holder, "LOCK TABLE moves IN SHARE MODE");
        Connection migration = session(db, true);
        execute(migration, "SET lock_timeout = '1s'");
        int migrationPid = LockWaitWatcher.backendPid(migration);
        LockWaitWatcher.Settings settings = LockWaitWatcher.Settings.defaults().withPollInterval(Duration.ofMillis(50));
        LockWaitWatcher watcher = LockWaitWatcher.start(db.admin()::connect, migrationPid, settings, blockers -> {
            throw new IllegalStateException("listener broke on " + blockers.pids());
        });
        assertThatThrownBy(() -> execute(migration, "ALTER TABLE moves ADD COLUMN note text")).isInstanceOf(SqlFailure.class);
        assertThatThrownBy(watcher::close).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the lock watcher for pid " + migrationPid + " stopped early:"
                        + " java.lang.IllegalStateException: listener broke on [");
    }

    @Test
    void refusesToWatchThroughTheWatchedSessionItself(TestDatabase db) throws Exception {
        Connection migration = session(db, true);
        int pid = LockWaitWatcher.backendPid(migration);
        assertThatThrownBy(() -> LockWaitWatcher.start(() -> migration, pid, LockWaitWatcher.Settings.defaults(), b -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a connection of its own");
        assertThat(migration.isClosed()).isFalse();
        execute(migration, "SELECT 1");
    }

    private Connection session(TestDatabase db, boolean autocommit) throws SQLException {
        Connection c = db.admin().connect();
        c.setAutoCommit(autocommit);
        sessions.add(c);
        return c;
    }

    private static void execute(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    /** Lets a statement's SQLException out of lambdas unchanged in substance. */
    static final class SqlFailure extends RuntimeException {
        SqlFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
