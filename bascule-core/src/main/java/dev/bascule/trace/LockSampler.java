package dev.bascule.trace;

import dev.bascule.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A second session reading another backend's relation locks from {@code pg_locks} over and over while that backend
 * runs a statement that cannot run in a transaction block (its locks are gone when it ends). It runs only autocommit
 * queries on catalogs, so it holds no snapshot a concurrent index build would wait for longer than one query.
 *
 * <p>A short statement may end between two readings. For concurrent index builds ({@code CREATE INDEX CONCURRENTLY},
 * {@code REINDEX ... CONCURRENTLY}) that is ruled out: a third session holds a snapshot taken before the build, and
 * the build's last phase waits for every older snapshot, with its table lock held. The sampler reads the locks while
 * the build waits, then ends that snapshot's transaction and the build finishes.
 */
final class LockSampler implements AutoCloseable {

    /** How long the sampler sleeps between two readings. */
    private static final long PAUSE_MILLIS = 1;

    /** One lock seen: the relation is null when the reading could not name it (dropped meanwhile). */
    record Sample(long oid, LockLevel mode, Relation relation) {
    }

    private final Connection connection;
    private final Connection snapshotHolder;
    private final int pid;
    private final Map<String, Sample> seen = new LinkedHashMap<>();
    private final CountDownLatch firstReading = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopping;
    private volatile SQLException failure;

    private LockSampler(Connection connection, Connection snapshotHolder, int pid) {
        this.connection = connection;
        this.snapshotHolder = snapshotHolder;
        this.pid = pid;
        this.thread = new Thread(this::loop, "bascule-trace-lock-sampler");
        this.thread.setDaemon(true);
    }

    /**
     * Starts sampling backend {@code pid}; returns once the first reading is done.
     *
     * @param concurrentBuild the statement is a concurrent index build: hold a snapshot it will wait for
     */
    static LockSampler start(Database shadow, int pid, boolean concurrentBuild) throws SQLException {
        Connection connection = shadow.connect();
        try (var st = connection.createStatement()) {
            st.execute("SET statement_timeout = '5s'; SET application_name = 'bascule trace sampler'");
        }
        Connection holder = null;
        if (concurrentBuild) {
            holder = shadow.connect();
            holder.setAutoCommit(false);
            holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (var st = holder.createStatement()) {
                // The server ends the transaction itself should this process stop holding it up.
                st.execute("SET idle_in_transaction_session_timeout = '60s'; SET application_name = 'bascule trace snapshot'");
                st.executeQuery("SELECT 1").close(); // takes the snapshot
            }
        }
        LockSampler sampler = new LockSampler(connection, holder, pid);
        sampler.thread.start();
        try {
            if (!sampler.firstReading.await(10, TimeUnit.SECONDS)) {
                sampler.close();
                throw new SQLException("the lock sampler's first reading of pg_locks took more than 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sampler.close();
            throw new SQLException("interrupted while starting the lock sampler", e);
        }
        return sampler;
    }

    private void loop() {
        try (PreparedStatement st = connection.prepareStatement(CatalogProbe.HELD_BY)) {
            st.setInt(1, pid);
            while (true) {
                boolean last = stopping; // one more reading after the statement ended is harmless and cheap
                boolean waiting = false;
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (!rs.getBoolean(6)) {
                            waiting = true;
                            continue;
                        }
                        String schema = rs.getString(3);
                        Relation relation = schema == null ? null : new Relation(schema, rs.getString(4), Relation.kindOf(rs.getString(5)));
                        Sample sample = new Sample(rs.getLong(1), LockLevel.ofPgLocks(rs.getString(2)), relation);
                        synchronized (seen) {
                            seen.merge(sample.oid() + "/" + sample.mode(), sample, (a, b) -> a.relation() != null ? a : b);
                        }
                    }
                }
                firstReading.countDown();
                if (waiting) {
                    releaseSnapshot(); // the locks held while waiting are read: let it finish
                }
                if (last) {
                    return;
                }
                Thread.sleep(PAUSE_MILLIS);
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            releaseSnapshot();
            firstReading.countDown();
        }
    }

    private void releaseSnapshot() {
        if (snapshotHolder == null) {
            return;
        }
        try {
            if (!snapshotHolder.isClosed()) {
                snapshotHolder.rollback();
                snapshotHolder.close();
            }
        } catch (SQLException ignored) {
            // Closing the connection ends its transaction as well; the build goes on either way.
        }
    }

    /** Stops sampling (after one last reading) and returns every lock seen. */
    List<Sample> stop() throws SQLException {
        stopping = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
        synchronized (seen) {
            return new ArrayList<>(seen.values());
        }
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        releaseSnapshot();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The sampler's connection only read pg_locks; losing it loses nothing.
        }
    }
}
