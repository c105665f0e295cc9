package dev.bascule.run;

import dev.bascule.Settings;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.live.Blockers;
import dev.bascule.live.LockWaitWatcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * The one connection a run works on, with its session settings: every statement Bascule sends has a lock and
 * statement limit (history reads and writes included), the run's role is set before anything else, and each
 * migration starts from a clean session. While migrations run, a watcher on a second autocommit connection names
 * whoever blocks us (it never holds a transaction open, so {@code CREATE INDEX CONCURRENTLY} never waits for it).
 */
final class RunSession implements AutoCloseable {

    /** Bascule's own statements (history, lock) wait at most this long for a statement to finish. */
    private static final Duration OWN_STATEMENT_LIMIT = Duration.ofSeconds(60);

    private final Connection connection;
    private final Settings settings;
    private final MigrationListener listener;
    private LockWaitWatcher watcher;
    private volatile boolean secret;
    /** The last migration's commit already reset the session (same round trip), so the next needs no reset of its own. */
    private boolean resetDone;

    private RunSession(Connection connection, Settings settings, MigrationListener listener) {
        this.connection = connection;
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Connects and applies the session settings; with {@code watch}, starts the watcher that names blockers.
     *
     * @throws BasculeException.Configuration when the role cannot be set
     */
    static RunSession open(Database database, Settings settings, MigrationListener listener, boolean watch) {
        Connection connection = database.connect();
        RunSession session = new RunSession(connection, settings, listener);
        try {
            session.applyOwnSettings();
            if (watch) {
                session.watcher = LockWaitWatcher.start(database::connect, LockWaitWatcher.backendPid(connection),
                        LockWaitWatcher.Settings.defaults(), session::blockersChanged);
            }
            return session;
        } catch (SQLException | RuntimeException e) {
            session.close();
            if (e instanceof BasculeException be) {
                throw be;
            }
            throw new BasculeException.Configuration("cannot prepare the session on " + database.describe() + ": "
                    + e.getMessage(), null);
        }
    }

    Connection connection() {
        return connection;
    }

    /** The limits for Bascule's own statements, and the role, before the history table is touched. */
    private void applyOwnSettings() throws SQLException {
        Duration lockLimit = settings.lockTimeout().isZero() ? settings.lockWait() : settings.lockTimeout();
        Duration statementLimit = settings.lockWait().compareTo(OWN_STATEMENT_LIMIT) > 0 ? settings.lockWait() : OWN_STATEMENT_LIMIT;
        execute("SET lock_timeout = " + lockLimit.toMillis() + "; SET statement_timeout = " + statementLimit.toMillis()
                + roleStatement());
    }

    /**
     * A clean session for one migration: what the previous one SET (search_path, role, ...) must not leak. One string,
     * so the driver sends it in one round trip.
     */
    void beforeMigration(boolean secretMigration) throws SQLException {
        this.secret = secretMigration;
        if (resetDone) {
            resetDone = false;
            return;
        }
        execute(resetSql());
    }

    /** The statements that give a migration a clean session. */
    String resetSql() {
        // application_name comes back after RESET ALL, so blocker reports and pg_stat_activity name Bascule's session.
        return "RESET ALL; SET application_name = 'bascule'; SET lock_timeout = " + settings.lockTimeout().toMillis()
                + "; SET statement_timeout = " + settings.statementTimeout().toMillis() + roleStatement();
    }

    /**
     * Commits the migration's transaction with its history row and resets the session for the next migration, in one
     * round trip: a migration costs its own statements plus this one.
     */
    void commitWith(String historyInsert) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(historyInsert + "; COMMIT; " + resetSql());
        }
        resetDone = true;
    }

    private String roleStatement() {
        return settings.role().map(r -> "; SET ROLE " + quote(r)).orElse("");
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            if (settings.role().isPresent() && ("22023".equals(e.getSQLState()) || "42704".equals(e.getSQLState())
                    || "42501".equals(e.getSQLState()))) {
                throw new BasculeException.Configuration("cannot SET ROLE " + settings.role().get() + ": "
                        + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "): check that the role exists and that"
                        + " the login user is a member of it (GRANT " + settings.role().get() + " TO the login user)", null);
            }
            throw e;
        }
    }

    /** Who blocked us last while a statement waited for a lock; empty when nothing did. */
    Optional<Blockers> lastBlockers() {
        return watcher == null ? Optional.empty()
                : watcher.lastSeenBlockers().map(b -> secret ? b.withoutQueries() : b);
    }

    private void blockersChanged(Blockers blockers) {
        if (!blockers.isEmpty()) {
            // A secure migration's blocker may be running the same secret statement: no query texts then.
            listener.info("waiting for a lock: " + (secret ? blockers.withoutQueries() : blockers).describe());
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (RuntimeException ignored) {
                // A watcher that stopped early only loses blocker reports; the run's own outcome stands.
            }
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing a broken connection cannot lose anything: every migration committed or rolled back already.
        }
    }
}
