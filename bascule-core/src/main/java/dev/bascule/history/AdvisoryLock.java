package dev.bascule.history;

import dev.bascule.error.BasculeException;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.zip.CRC32;

/**
 * The session-level advisory lock that serialises runners on one database. Session level (not transaction
 * level) because a run spans many transactions and no-transaction migrations. Waiting is by polling
 * {@code pg_try_advisory_lock} so the wait has a limit and can say who holds the lock.
 */
public final class AdvisoryLock implements AutoCloseable {

    private static final long POLL_MILLIS = 200;

    private final Connection connection;
    private final long key;
    private boolean held;

    private AdvisoryLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /** The lock key for one history table: stable across processes and versions of Bascule. */
    public static long keyFor(HistoryTable history) {
        CRC32 crc = new CRC32();
        crc.update(("bascule:" + history.schema() + "." + history.table()).getBytes(StandardCharsets.UTF_8));
        return 0x42415343_00000000L | crc.getValue(); // "BASC" in the high half makes it recognisable in pg_locks
    }

    /**
     * Takes the lock, waiting at most {@code timeout}.
     *
     * @throws BasculeException.LockNotObtained when another session still holds it after the timeout
     */
    public static AdvisoryLock acquire(Connection connection, HistoryTable history, Duration timeout,
                                       java.util.function.Consumer<String> progress) throws SQLException {
        AdvisoryLock lock = new AdvisoryLock(connection, keyFor(history));
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean announced = false;
        while (true) {
            if (lock.tryLock()) {
                return lock;
            }
            if (System.nanoTime() >= deadline) {
                throw new BasculeException.LockNotObtained("another migration run holds the advisory lock on "
                        + history.qualifiedName() + " (" + lock.holderDescription() + "); waited " + timeout.toSeconds()
                        + " s: let it finish, or raise lock-wait (--lock-wait) and try again");
            }
            if (!announced) {
                progress.accept("waiting up to " + timeout.toSeconds() + " s for the migration lock on "
                        + history.qualifiedName() + ", held by " + lock.holderDescription());
                announced = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BasculeException.LockNotObtained("interrupted while waiting for the migration lock");
            }
        }
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                held = rs.getBoolean(1);
                return held;
            }
        }
    }

    private String holderDescription() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT l.pid, a.application_name, a.client_addr FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                        + "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? AND l.objid = ? AND l.objsubid = 1")) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String app = rs.getString(2);
                    return "backend pid " + rs.getInt(1) + (app == null || app.isEmpty() ? "" : ", application '" + app + "'");
                }
            }
        }
        return "a session that has just released it";
    }

    @Override
    public void close() throws SQLException {
        if (held && !connection.isClosed()) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            }
            held = false;
        }
    }
}
