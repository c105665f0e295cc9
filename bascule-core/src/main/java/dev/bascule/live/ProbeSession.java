package dev.bascule.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A probe's own connection: opened on first use, autocommit (so it never holds a transaction open between
 * queries), and with a server-side {@code statement_timeout} and {@code lock_timeout} that bound every query it
 * sends, plus a network timeout in case the server stops answering altogether. After a failure the connection is
 * dropped and the next query opens a new one.
 */
final class ProbeSession implements AutoCloseable {

    private final ConnectionSource source;
    private final Duration queryTimeout;
    private final String applicationName;
    private final int foreignPid;
    private Connection connection;

    /** A session for a probe that does not watch any particular backend. */
    ProbeSession(ConnectionSource source, Duration queryTimeout, String applicationName) {
        this(source, queryTimeout, applicationName, -1);
    }

    /**
     * @param foreignPid a backend the source must not hand out (the watched migration session: its settings are not
     *                   ours to change, nor its connection ours to close); -1 for none
     */
    ProbeSession(ConnectionSource source, Duration queryTimeout, String applicationName, int foreignPid) {
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("a probe's query timeout must be positive, got " + queryTimeout);
        }
        this.source = source;
        this.queryTimeout = queryTimeout;
        this.applicationName = applicationName;
        this.foreignPid = foreignPid;
    }

    /** The open connection, opening and configuring it first when needed. */
    Connection connection() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return connection;
        }
        Connection opened = source.open();
        if (foreignPid >= 0 && pidOf(opened) == foreignPid) {
            throw new IllegalArgumentException("a probe needs a connection of its own, but its source returned the"
                    + " watched session (pid " + foreignPid + "); give it a source of new connections");
        }
        try {
            opened.setAutoCommit(true);
            int networkMillis = (int) Math.min(Integer.MAX_VALUE, queryTimeout.toMillis() * 2 + 1000);
            opened.setNetworkTimeout(Runnable::run, networkMillis);
            try (PreparedStatement st = opened.prepareStatement("SELECT set_config('statement_timeout', ?, false),"
                    + " set_config('lock_timeout', ?, false), set_config('application_name', ?, false)")) {
                String millis = queryTimeout.toMillis() + "ms";
                st.setString(1, millis);
                st.setString(2, millis);
                st.setString(3, applicationName);
                st.executeQuery().close();
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(opened);
            throw e;
        }
        connection = opened;
        return connection;
    }

    /** The backend pid of a connection. */
    static int pidOf(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_backend_pid()"); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Drops the connection after a failure; the next {@link #connection()} opens a new one. */
    void discard() {
        closeQuietly(connection);
        connection = null;
    }

    @Override
    public void close() {
        discard();
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a connection that already failed: nothing left to release
        }
    }
}
