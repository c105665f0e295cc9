package dev.bascule.live;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedPostgresExtension.class)
class RetryPolicyTest {

    private final RetryPolicy policy = RetryPolicy.defaults().withSeed(42);

    @Test
    void theCapDoublesFromTheBaseDelayUpToTheMaxDelay() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(policy::delayCap).map(Duration::toMillis).toList())
                .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L);
        assertThat(policy.delayCap(10_000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.withDelays(Duration.ofDays(365), Duration.ofDays(365 * 1000)).delayCap(200))
                .isEqualTo(Duration.ofDays(365 * 1000));
    }

    @Test
    void waitsAreFullJitterUnderTheCapAndRepeatableWithASeed() {
        List<Duration> draws = IntStream.range(0, 4000).mapToObj(i -> policy.delayBefore(3)).toList();
        assertThat(draws).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(2)));
        LongSummary summary = LongSummary.of(draws);
        assertThat(summary.min).isLessThan(20);
        assertThat(summary.max).isGreaterThan(1980);
        assertThat(summary.mean).isBetween(940.0, 1060.0);

        List<Duration> first = IntStream.rangeClosed(1, 6).mapToObj(RetryPolicy.defaults().withSeed(7)::delayBefore).toList();
        RetryPolicy again = RetryPolicy.defaults().withSeed(7);
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(again::delayBefore).toList()).isEqualTo(first);
        RetryPolicy other = RetryPolicy.defaults().withSeed(8);
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(other::delayBefore).toList()).isNotEqualTo(first);
    }

    @Test
    void countsAttemptsFromOne() {
        assertThat(policy.maxAttempts()).isEqualTo(6);
        assertThat(policy.mayRetryAfter(5)).isTrue();
        assertThat(policy.mayRetryAfter(6)).isFalse();
        assertThat(policy.withMaxRetries(0).mayRetryAfter(1)).isFalse();
    }

    @Test
    void lockTimeoutsAndDeadlocksAreRetryableEvenWrappedOrChainedOtherFailuresAreNot(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int PRIMARY KEY, status text)");
        db.execute("INSERT INTO moves VALUES (1, 'a'), (2, 'b')");
        SQLException lockTimeout;
        SQLException deadlock;
        SQLException duplicate;
        try (Connection holder = db.admin().connect(); Connection other = db.admin().connect()) {
            holder.setAutoCommit(false);
            execute(holder, "LOCK TABLE moves IN ACCESS EXCLUSIVE MODE");
            execute(other, "SET lock_timeout = '200ms'");
            lockTimeout = failure(other, "SELECT * FROM moves");
            holder.rollback();

            deadlock = deadlock(db);
            duplicate = failure(other, "INSERT INTO moves VALUES (1, 'again')");
        }
        assertThat(lockTimeout.getSQLState()).isEqualTo("55P03");
        assertThat(deadlock.getSQLState()).isEqualTo("40P01");
        assertThat(duplicate.getSQLState()).isEqualTo("23505");

        assertThat(policy.isRetryable(lockTimeout)).isTrue();
        assertThat(policy.isRetryable(deadlock)).isTrue();
        assertThat(policy.isRetryable(duplicate)).isFalse();
        assertThat(policy.isRetryable(new IllegalStateException("migration 3 failed", new RuntimeException(deadlock)))).isTrue();
        SQLException batch = new SQLException("Batch entry 0 was aborted", "08000");
        batch.setNextException(lockTimeout);
        assertThat(policy.isRetryable(batch)).isTrue();
        assertThat(policy.isRetryable(new SQLException("wrapped", "XX000", duplicate))).isFalse();
        assertThat(RetryPolicy.retryableState(new RuntimeException(lockTimeout))).contains("55P03");
    }

    @Test
    void tellsWhatFailedWhichAttemptItWasAndWhatComesNext(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int)");
        SQLException lockTimeout;
        try (Connection holder = db.admin().connect(); Connection other = db.admin().connect()) {
            holder.setAutoCommit(false);
            execute(holder, "LOCK TABLE moves IN ACCESS EXCLUSIVE MODE");
            execute(other, "SET lock_timeout = '100ms'");
            lockTimeout = failure(other, "ALTER TABLE moves ADD COLUMN note text");
        }
        Blockers blockers = new Blockers(4000, new LockRef("AccessExclusiveLock", "moves", false), List.of(
                new Blocker(4242, "app_user", "psql", "client backend", "idle in transaction", Duration.ofSeconds(12),
                        "SELECT * FROM moves WHERE ...", new LockRef("AccessShareLock", "moves", true))));
        assertThat(policy.retryMessage(lockTimeout, 2, Duration.ofMillis(9_960), Duration.ofMillis(1340), blockers))
                .isEqualTo("lock timeout on attempt 2 of 6 after 10.0 s; retrying in 1.3 s; blocked by pid 4242 (app_user,"
                        + " application_name=psql, idle in transaction, transaction open 12 s, holds AccessShareLock on moves):"
                        + " \"SELECT * FROM moves WHERE ...\"");
        assertThat(policy.giveUpMessage(lockTimeout, 6, Duration.ofMillis(250), blockers.withoutQueries()))
                .isEqualTo("lock timeout on attempt 6 of 6 after 250 ms; no retries left; blocked by pid 4242 (app_user,"
                        + " application_name=psql, idle in transaction, transaction open 12 s, holds AccessShareLock on moves)");
        assertThat(policy.retryMessage(lockTimeout, 1, Duration.ofSeconds(125), Duration.ofMillis(90), Blockers.none(4000)))
                .isEqualTo("lock timeout on attempt 1 of 6 after 2 min 5 s; retrying in 90 ms");
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        assertThatThrownBy(() -> RetryPolicy.defaults().withMaxRetries(-1)).hasMessage("max retries must be 0 or more, got -1");
        assertThatThrownBy(() -> RetryPolicy.defaults().withDelays(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("base delay must be positive, got PT0S");
        assertThatThrownBy(() -> RetryPolicy.defaults().withDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("max delay (PT1S) must not be below the base delay (PT2S)");
        assertThatThrownBy(() -> policy.delayBefore(0)).hasMessage("retries are numbered from 1, got 0");
    }

    /** Two sessions each lock a row, then want the other's: PostgreSQL cancels one with 40P01. */
    private static SQLException deadlock(TestDatabase db) throws Exception {
        try (Connection a = db.admin().connect(); Connection b = db.admin().connect()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            execute(a, "SET deadlock_timeout = '100ms'");
            execute(b, "SET deadlock_timeout = '100ms'");
            execute(a, "UPDATE moves SET status = 'a' WHERE id = 1");
            execute(b, "UPDATE moves SET status = 'b' WHERE id = 2");
            CompletableFuture<SQLException> fromA = CompletableFuture.supplyAsync(() -> failureOrNull(a,
                    "UPDATE moves SET status = 'a' WHERE id = 2"));
            Thread.sleep(200);
            SQLException fromB = failureOrNull(b, "UPDATE moves SET status = 'b' WHERE id = 1");
            SQLException first = fromA.get(10, TimeUnit.SECONDS);
            a.rollback();
            b.rollback();
            return first != null ? first : fromB;
        }
    }

    private static SQLException failure(Connection c, String sql) {
        SQLException e = failureOrNull(c, sql);
        assertThat(e != null).as("expected a failure from " + sql).isTrue();
        return e;
    }

    private static SQLException failureOrNull(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private record LongSummary(long min, long max, double mean) {
        static LongSummary of(List<Duration> durations) {
            var stats = durations.stream().mapToLong(Duration::toMillis).summaryStatistics();
            return new LongSummary(stats.getMin(), stats.getMax(), stats.getAverage());
        }
    }
}
