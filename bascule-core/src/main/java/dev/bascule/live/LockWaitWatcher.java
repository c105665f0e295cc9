package dev.bascule.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches one backend (our migration's) while it runs a statement and says who blocks it whenever that changes.
 *
 * <p>A thread of its own polls, every {@link Settings#pollInterval()}, whether the backend waits on a heavyweight
 * lock ({@code pg_stat_activity.wait_event_type = 'Lock'}) and if so looks up its {@link Blockers}. The listener
 * hears of each change (someone starts or stops blocking, or a lock changes), not of every poll, and hears an empty
 * {@code Blockers} when the wait ends. The watcher uses its own autocommit connection from the
 * {@link ConnectionSource}, never the migration's: it holds no transaction open between polls, because
 * {@code CREATE INDEX CONCURRENTLY} waits for every open transaction, a watcher's included. Every query it sends
 * is bounded by {@link Settings#queryTimeout()}.
 *
 * <pre>{@code
 * int pid = LockWaitWatcher.backendPid(migrationConnection);
 * try (LockWaitWatcher watcher = LockWaitWatcher.start(database::connect, pid, Settings.defaults(),
 *         blockers -> progress.accept(blockers.describe()))) {
 *     statement.execute(sql);
 * }
 * }</pre>
 */
public final class LockWaitWatcher implements AutoCloseable {

    /**
     * @param pollInterval how often to look; the first look is one interval after the start
     * @param queryTimeout the {@code statement_timeout} (and lock_timeout) of each query the watcher sends
     * @param showQueries  false to drop the blockers' query texts before anyone sees them
     */
    public record Settings(Duration pollInterval, Duration queryTimeout, boolean showQueries) {

        public Settings {
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("poll interval must be positive, got " + pollInterval);
            }
        }

        /** Every 250 ms, 2 s per query, query texts shown. */
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(250), Duration.ofSeconds(2), true);
        }

        public Settings withPollInterval(Duration interval) {
            return new Settings(interval, queryTimeout, showQueries);
        }

        public Settings withQueryTimeout(Duration timeout) {
            return new Settings(pollInterval, timeout, showQueries);
        }

        public Settings withoutQueries() {
            return new Settings(pollInterval, queryTimeout, false);
        }
    }

    /** Hears from the watcher's thread; an exception thrown here stops the watcher and comes back from {@link #close()}. */
    @FunctionalInterface
    public interface Listener {

        /** Who blocks the backend now; empty when it no longer waits. Called once per change. */
        void blockersChanged(Blockers blockers);

        /**
         * A poll failed (its connection broke, or a query ran into its timeout); the next poll opens a new connection.
         * Ignored unless overridden.
         */
        default void pollFailed(SQLException failure) {
        }
    }

    private static final String IS_WAITING =
            "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = ?";

    private final int pid;
    private final Settings settings;
    private final Listener listener;
    private final ProbeSession session;
    private final Thread thread;
    private final AtomicReference<Blockers> lastSeen = new AtomicReference<>();
    private final AtomicReference<RuntimeException> stoppedBy = new AtomicReference<>();
    private volatile boolean closed;

    private LockWaitWatcher(ConnectionSource source, int pid, Settings settings, Listener listener) {
        this.pid = pid;
        this.settings = settings;
        this.listener = listener;
        this.session = new ProbeSession(source, settings.queryTimeout(), "bascule lock watcher for pid " + pid, pid);
        this.thread = new Thread(this::run, "bascule-lock-watcher-" + pid);
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching backend {@code pid}. Opens the watcher's connection before returning, so a source that cannot
     * connect fails here.
     *
     * @throws IllegalArgumentException when the source hands out the watched session itself
     */
    public static LockWaitWatcher start(ConnectionSource source, int pid, Settings settings, Listener listener)
            throws SQLException {
        LockWaitWatcher watcher = new LockWaitWatcher(source, pid, settings, listener);
        watcher.session.connection();
        watcher.thread.start();
        return watcher;
    }

    /** The backend pid of a connection, to pass to {@link #start}. */
    public static int backendPid(Connection connection) throws SQLException {
        return ProbeSession.pidOf(connection);
    }

    /**
     * The last non-empty blockers seen, if any: after a lock timeout the statement no longer waits, and this says
     * who blocked it.
     */
    public Optional<Blockers> lastSeenBlockers() {
        return Optional.ofNullable(lastSeen.get());
    }

    /**
     * Stops polling and closes the watcher's connection; waits for a poll in flight at most its query timeout.
     *
     * @throws IllegalStateException when the watcher had stopped early: its listener threw, or its source handed out
     *                               the watched session when reconnecting
     */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(settings.queryTimeout().toMillis() * 2 + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            session.close(); // the poll is stuck beyond its limits: cut the connection under it
        }
        RuntimeException failure = stoppedBy.get();
        if (failure != null) {
            throw new IllegalStateException("the lock watcher for pid " + pid + " stopped early: " + failure, failure);
        }
    }

    private void run() {
        String reported = Blockers.none(pid).signature();
        try {
            while (!closed) {
                try {
                    Thread.sleep(settings.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                Blockers now;
                try {
                    now = look();
                } catch (SQLException e) {
                    session.discard();
                    if (!closed) {
                        listener.pollFailed(e);
                    }
                    continue;
                }
                if (closed) {
                    return;
                }
                String signature = now.signature();
                if (!signature.equals(reported)) {
                    reported = signature;
                    if (!now.isEmpty()) {
                        lastSeen.set(now);
                    }
                    listener.blockersChanged(now);
                }
            }
        } catch (RuntimeException e) {
            stoppedBy.set(e);
        } finally {
            session.close();
        }
    }

    private Blockers look() throws SQLException {
        Connection connection = session.connection();
        boolean waiting;
        try (PreparedStatement st = connection.prepareStatement(IS_WAITING)) {
            st.setInt(1, pid);
            try (ResultSet rs = st.executeQuery()) {
                waiting = rs.next() && rs.getBoolean(1);
            }
        }
        if (!waiting) {
            return Blockers.none(pid);
        }
        Blockers blockers = Blockers.find(connection, pid);
        return settings.showQueries() ? blockers : blockers.withoutQueries();
    }
}
