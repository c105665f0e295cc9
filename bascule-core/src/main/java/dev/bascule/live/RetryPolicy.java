package dev.bascule.live;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * When and how long to wait before running a statement again that failed on a lock: SQLSTATE {@code 55P03}
 * (lock_not_available: our {@code lock_timeout} ran out, or NOWAIT) or {@code 40P01} (deadlock_detected; we were
 * chosen as the victim). Both leave the database as it was before the statement, so running it again is safe.
 *
 * <p>Waits grow exponentially with full jitter: before retry {@code n} (1-based) the wait is drawn uniformly from
 * {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}, so several runners that failed together do not come back
 * together. Attempts are numbered from 1; attempt {@code maxRetries + 1} is the last.
 *
 * @param maxRetries how many times to run again after the first failure (0: never)
 * @param baseDelay  the cap of the first wait
 * @param maxDelay   the cap of every wait
 * @param random     draws the jitter; seed it ({@link #withSeed}) for repeatable waits in tests
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, RandomGenerator random) {

    /** lock_not_available: lock_timeout ran out, or a NOWAIT lock was taken. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** deadlock_detected. */
    public static final String DEADLOCK_DETECTED = "40P01";

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries must be 0 or more, got " + maxRetries);
        }
        if (baseDelay.isNegative() || baseDelay.isZero()) {
            throw new IllegalArgumentException("base delay must be positive, got " + baseDelay);
        }
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("max delay (" + maxDelay + ") must not be below the base delay (" + baseDelay + ")");
        }
        if (random == null) {
            throw new IllegalArgumentException("a random generator is required (use withSeed for repeatable waits)");
        }
    }

    /** 5 retries, waits capped at 500 ms, 1 s, 2 s, 4 s, 8 s (never above 30 s). */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom());
    }

    public RetryPolicy withMaxRetries(int retries) {
        return new RetryPolicy(retries, baseDelay, maxDelay, random);
    }

    public RetryPolicy withDelays(Duration base, Duration max) {
        return new RetryPolicy(maxRetries, base, max, random);
    }

    /** The same policy drawing its jitter from a generator seeded with {@code seed}. */
    public RetryPolicy withSeed(long seed) {
        return new RetryPolicy(maxRetries, baseDelay, maxDelay, new SplittableRandom(seed));
    }

    /** The first attempt and every retry. */
    public int maxAttempts() {
        return maxRetries + 1;
    }

    /** Whether attempt {@code attempt} (1-based), having failed, may be followed by another. */
    public boolean mayRetryAfter(int attempt) {
        return attempt < maxAttempts();
    }

    /** True when the failure, or any exception it wraps or chains, carries SQLSTATE 55P03 or 40P01. */
    /** True for the SQLSTATEs worth retrying: lock_not_available (55P03) and deadlock_detected (40P01). */
    public static boolean isRetryableState(String sqlState) {
        return LOCK_NOT_AVAILABLE.equals(sqlState) || DEADLOCK_DETECTED.equals(sqlState);
    }

    public boolean isRetryable(Throwable failure) {
        return retryableState(failure).isPresent();
    }

    /**
     * The retryable SQLSTATE found in {@code failure}: its own, a cause's, or a chained
     * ({@link SQLException#getNextException()}) exception's.
     */
    public static Optional<String> retryableState(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return find(failure, seen);
    }

    private static Optional<String> find(Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return Optional.empty();
        }
        if (failure instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (LOCK_NOT_AVAILABLE.equals(state) || DEADLOCK_DETECTED.equals(state)) {
                return Optional.of(state);
            }
            Optional<String> chained = find(sql.getNextException(), seen);
            if (chained.isPresent()) {
                return chained;
            }
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            Optional<String> found = find(suppressed, seen);
            if (found.isPresent()) {
                return found;
            }
        }
        return find(failure.getCause(), seen);
    }

    /** The longest wait before retry {@code retry} (1-based): {@code min(maxDelay, baseDelay * 2^(retry-1))}. */
    public Duration delayCap(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are numbered from 1, got " + retry);
        }
        Duration cap = baseDelay;
        for (int doubled = 1; doubled < retry && cap.compareTo(maxDelay) < 0; doubled++) {
            cap = cap.multipliedBy(2); // stops at the first cap past maxDelay: no overflow however many retries
        }
        return cap.compareTo(maxDelay) > 0 ? maxDelay : cap;
    }

    /** The wait before retry {@code retry} (1-based), drawn uniformly from {@code [0, delayCap(retry)]}, whole milliseconds. */
    public Duration delayBefore(int retry) {
        long capMillis = delayCap(retry).toMillis();
        return Duration.ofMillis(random.nextLong(capMillis + 1));
    }

    /**
     * The one-line message after a failed attempt that will be retried: {@code lock timeout on attempt 2 of 6 after
     * 10.0 s; retrying in 1.3 s; blocked by pid 4242 (...)}. {@code blockers} may be null or empty.
     */
    public String retryMessage(Throwable failure, int attempt, Duration elapsed, Duration nextWait, Blockers blockers) {
        return head(failure, attempt, elapsed) + "; retrying in " + DurationText.of(nextWait) + tail(blockers);
    }

    /** The one-line message after the last attempt failed: {@code lock timeout on attempt 6 of 6 after 10.0 s; no retries left; ...}. */
    public String giveUpMessage(Throwable failure, int attempt, Duration elapsed, Blockers blockers) {
        return head(failure, attempt, elapsed) + "; no retries left" + tail(blockers);
    }

    private String head(Throwable failure, int attempt, Duration elapsed) {
        return head(retryableState(failure).orElse(null), attempt, elapsed);
    }

    private String head(String sqlState, int attempt, Duration elapsed) {
        String what = DEADLOCK_DETECTED.equals(sqlState) ? "deadlock" : LOCK_NOT_AVAILABLE.equals(sqlState)
                ? "lock timeout" : "failure";
        return what + " on attempt " + attempt + " of " + maxAttempts() + " after " + DurationText.of(elapsed);
    }

    /** As {@link #retryMessage(Throwable, int, Duration, Duration, Blockers)}, for a failure known by its SQLSTATE. */
    public String retryMessage(String sqlState, int attempt, Duration elapsed, Duration nextWait, Blockers blockers) {
        return head(sqlState, attempt, elapsed) + "; retrying in " + DurationText.of(nextWait) + tail(blockers);
    }

    /** As {@link #giveUpMessage(Throwable, int, Duration, Blockers)}, for a failure known by its SQLSTATE. */
    public String giveUpMessage(String sqlState, int attempt, Duration elapsed, Blockers blockers) {
        return head(sqlState, attempt, elapsed) + "; no retries left" + tail(blockers);
    }

    private static String tail(Blockers blockers) {
        return blockers == null || blockers.isEmpty() ? "" : "; " + blockers.describe();
    }
}
