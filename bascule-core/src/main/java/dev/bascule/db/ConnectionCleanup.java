package dev.bascule.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the runners do with their connection after a statement or a transaction failed. Quietly: the failure being
 * handled is what the user needs, and a rollback or autocommit reset that fails only means the connection is gone.
 */
public final class ConnectionCleanup {

    private ConnectionCleanup() {
    }

    /** Rolls the open transaction back, if the connection still lives. */
    public static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is gone: the failure being handled is what is reported.
        }
    }

    /**
     * Puts the connection back in autocommit after a transaction, if it still lives; on a dead connection this must not
     * hide the failure that killed it.
     */
    public static void restoreAutoCommit(Connection connection) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // The connection is gone: the run's own outcome (committed or rolled back) is what is reported.
        }
    }
}
