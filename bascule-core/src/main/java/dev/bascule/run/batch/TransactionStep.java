package dev.bascule.run.batch;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done inside a transaction the batch machinery opened, just before it commits: the runner writes the
 * migration's history row in the transaction of its last step, so the migration is recorded exactly when its
 * last batch commits.
 */
@FunctionalInterface
public interface TransactionStep {

    TransactionStep NOTHING = connection -> {
    };

    void run(Connection connection) throws SQLException;
}
