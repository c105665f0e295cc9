package dev.bascule.live;

import dev.bascule.testing.DebianPostgres;
import dev.bascule.testing.StreamingReplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle against a real primary and streaming standby (Debian's PostgreSQL 15) whose replay is paused: it
 * waits and says why, and clears once replay resumes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThrottleReplicaTest {

    private StreamingReplication replication;
    private ExecutorService threads;

    @BeforeAll
    void startPrimaryAndStandby() {
        replication = StreamingReplication.start(DebianPostgres.assumeAvailable());
        threads = Executors.newCachedThreadPool();
        primary("CREATE TABLE moves (id bigserial PRIMARY KEY, note text)");
    }

    @AfterAll
    void stopBoth() {
        if (threads != null) {
            threads.shutdownNow();
        }
        if (replication != null) {
            replication.close();
        }
    }

    @AfterEach
    void resumeReplay() {
        standby("SELECT pg_wal_replay_resume()");
    }

    @Test
    void waitsWhileReplayIsPausedAndReportsTheReplayLagThenClearsWhenItResumes() throws Exception {
        Throttle.Settings settings = Throttle.Settings.defaults().withMaxReplayLag(Duration.ofSeconds(1))
                .withMaxUnreplayedBytes(1L << 30).withPollInterval(Duration.ofMillis(100));
        try (Throttle throttle = new Throttle(replication.primary()::connect, settings)) {
            assertThat(throttle.awaitClear(Duration.ofSeconds(10), line -> { })).isLessThan(Duration.ofSeconds(5));

            standby("SELECT pg_wal_replay_pause()");
            AtomicBoolean writing = new AtomicBoolean(true);
            Future<?> writer = threads.submit(() -> {
                while (writing.get()) {
                    primary("INSERT INTO moves (note) SELECT 'move ' || g FROM generate_series(1, 200) g");
                    Thread.sleep(100);
                }
                return null;
            });
            // replay_lag grows from the pause on, as the standby acknowledges WAL it receives but does not replay
            long pausedAt = System.nanoTime();
            while (throttle.check().isEmpty()) {
                assertThat(Duration.ofNanos(System.nanoTime() - pausedAt)).isLessThan(Duration.ofSeconds(30));
                Thread.sleep(100);
            }
            List<String> progress = new CopyOnWriteArrayList<>();
            CompletableFuture<Duration> waited = CompletableFuture.supplyAsync(() -> {
                try {
                    return throttle.awaitClear(Duration.ofSeconds(60), progress::add);
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, threads);

            awaitUntil(() -> !progress.isEmpty(), Duration.ofSeconds(10), "the throttle to report the paused replica");
            assertThat(progress.get(0)).matches("waiting: replica standby1 replay lag [0-9.]+ s > 1\\.0 s");
            Thread.sleep(1500);
            assertThat(waited).isNotDone();

            writing.set(false);
            writer.get(10, TimeUnit.SECONDS);
            long resumedAt = System.nanoTime();
            standby("SELECT pg_wal_replay_resume()");
            Duration total = waited.get(30, TimeUnit.SECONDS);
            assertThat(total).isGreaterThan(Duration.ofMillis(1500));
            assertThat(Duration.ofNanos(System.nanoTime() - resumedAt)).isLessThan(Duration.ofSeconds(20));
            assertThat(throttle.check()).isEmpty();
        }
    }

    @Test
    void unreplayedBytesHoldBatchesBackWhateverTheMeasuredLag() throws Exception {
        Throttle.Settings settings = Throttle.Settings.defaults().withMaxReplayLag(Duration.ofHours(1))
                .withMaxUnreplayedBytes(256 * 1024).withPollInterval(Duration.ofMillis(100));
        try (Throttle throttle = new Throttle(replication.primary()::connect, settings)) {
            standby("SELECT pg_wal_replay_pause()");
            primary("INSERT INTO moves (note) SELECT repeat('x', 200) FROM generate_series(1, 10000)");

            List<ThrottleReason> reasons = throttle.check();
            assertThat(reasons).singleElement().isInstanceOfSatisfying(ThrottleReason.ReplicaBehind.class, behind -> {
                assertThat(behind.replica()).isEqualTo(StreamingReplication.STANDBY_NAME);
                assertThat(behind.unreplayedBytes()).isGreaterThan(2L << 20);
                assertThat(behind.describe()).matches("replica standby1 [0-9.]+ MB not replayed > 256\\.0 kB");
            });
            List<String> progress = new CopyOnWriteArrayList<>();
            ThrottleTimeoutException timeout = org.assertj.core.api.Assertions.catchThrowableOfType(
                    ThrottleTimeoutException.class, () -> throttle.awaitClear(Duration.ofMillis(700), progress::add));
            assertThat(timeout).isNotNull();
            assertThat(timeout.getMessage()).startsWith("gave up after waiting ").contains("replica standby1 ", "MB not replayed");
            assertThat(progress).hasSize(1).allMatch(line -> line.startsWith("waiting: replica standby1 "));

            standby("SELECT pg_wal_replay_resume()");
            assertThat(throttle.awaitClear(Duration.ofSeconds(30), progress::add)).isLessThan(Duration.ofSeconds(30));
        }
    }

    private void primary(String sql) {
        execute(replication.primary().connect(), sql);
    }

    private void standby(String sql) {
        execute(replication.standby().connect(), sql);
    }

    private static void execute(Connection connection, String sql) {
        try (connection; Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static void awaitUntil(java.util.function.BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what);
            }
            Thread.sleep(20);
        }
    }
}
