package dev.bascule.run.batch;

import dev.bascule.sql.Statement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Hooks of the batch loop. The runner plugs the replica-lag and autovacuum throttle into {@link #beforeBatch} and
 * the progress bar into {@link #afterBatch}.
 */
public interface BatchListener {

    /**
     * Called before each batch, between transactions: {@code connection} is the batches' own, in autocommit with no
     * transaction open. May block (a throttle waiting for replicas), must bound its wait and must not leave a
     * transaction open. Throwing stops the loop; the batches committed so far stay recorded.
     */
    default void beforeBatch(Connection connection, BatchPosition position) throws SQLException, InterruptedException {
    }

    /**
     * Called inside a batch's transaction with the rows its statement returned (a statement with RETURNING); reads
     * them and returns how many there were. The default counts them; the runner writes an audited statement's rows
     * to its audit file here, before the batch commits.
     */
    default long returned(Statement statement, long batchNumber, ResultSet rows) throws SQLException {
        long count = 0;
        while (rows.next()) {
            count++;
        }
        return count;
    }

    /** Called after each batch committed. */
    default void afterBatch(BatchReport report) {
    }

    /** A listener that does nothing. */
    static BatchListener none() {
        return new BatchListener() {
        };
    }
}
