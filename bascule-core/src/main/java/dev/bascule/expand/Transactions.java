package dev.bascule.expand;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Runs catalog reads and probes in one transaction that is always rolled back, with every wait bounded. */
final class Transactions {

    interface Work<T> {
        T run() throws SQLException;
    }

    private Transactions() {
    }

    /**
     * @param connection a connection in autocommit mode (the caller's open transaction must never be rolled back
     *                   by a generator)
     * @param timeout    statement and lock timeout of everything {@code work} runs
     */
    static <T> T rolledBack(Connection connection, Duration timeout, boolean readOnly, Work<T> work)
            throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new IllegalStateException("the expand/contract generator needs a connection in autocommit mode,"
                    + " not one inside a transaction");
        }
        connection.setAutoCommit(false);
        try {
            try (Statement st = connection.createStatement()) {
                if (readOnly) {
                    st.execute("SET TRANSACTION READ ONLY");
                }
                long ms = Math.max(1, timeout.toMillis());
                st.execute("SET LOCAL statement_timeout = " + ms);
                st.execute("SET LOCAL lock_timeout = " + ms);
            }
            return work.run();
        } finally {
            try {
                connection.rollback();
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
