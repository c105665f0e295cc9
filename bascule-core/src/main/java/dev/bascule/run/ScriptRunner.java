package dev.bascule.run;

import dev.bascule.catalog.Migration;
import dev.bascule.error.BasculeException;
import dev.bascule.history.HistoryTable;
import dev.bascule.sql.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs one prepared migration on the run's single connection, with its history row: in one transaction, or
 * (with {@code -- bascule:no-transaction}) statement by statement in autocommit, bracketed by a history row that
 * is marked failed until the last statement succeeds.
 */
final class ScriptRunner {

    private final Connection connection;
    private final HistoryTable history;

    ScriptRunner(Connection connection, HistoryTable history) {
        this.connection = connection;
        this.history = history;
    }

    /** Applies the migration and returns its execution time in milliseconds. */
    long apply(PreparedMigration prepared) throws SQLException {
        return prepared.transactional() ? applyInTransaction(prepared) : applyWithoutTransaction(prepared);
    }

    private long applyInTransaction(PreparedMigration prepared) throws SQLException {
        long start = System.nanoTime();
        connection.setAutoCommit(false);
        try {
            for (Statement statement : prepared.script().statements()) {
                execute(prepared.migration(), statement);
            }
            long ms = elapsedMs(start);
            history.insert(connection, prepared.migration(), ms, true);
            connection.commit();
            return ms;
        } catch (BasculeException.MigrationFailed e) {
            rollbackQuietly();
            throw new BasculeException.MigrationFailed(e.getMessage() + "\nIt was rolled back: nothing of it is applied.",
                    e.file(), e.line(), e.sqlState(), null);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private long applyWithoutTransaction(PreparedMigration prepared) throws SQLException {
        long start = System.nanoTime();
        connection.setAutoCommit(true);
        // Recorded as failed first: if the process dies half-way the row says so and blocks the next run.
        long id = history.insert(connection, prepared.migration(), 0, false);
        List<Statement> statements = prepared.script().statements();
        int done = 0;
        try {
            for (Statement statement : statements) {
                execute(prepared.migration(), statement);
                history.recordProgress(connection, id, ++done);
            }
        } catch (BasculeException.MigrationFailed e) {
            history.finish(connection, id, elapsedMs(start), false);
            throw new BasculeException.MigrationFailed(e.getMessage() + "\nIt ran without a transaction and is recorded"
                    + " as failed. " + PreparedMigration.appliedBefore(statements, done) + " Fix the database, then run"
                    + " 'bascule repair'.", e.file(), e.line(), e.sqlState(), e.getCause());
        }
        long ms = elapsedMs(start);
        history.finish(connection, id, ms, true);
        return ms;
    }

    private void execute(Migration migration, Statement statement) {
        StatementExecutor.execute(connection, "migration " + migration.fileName(), migration.secret(), statement);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is what the user needs; a failed rollback means the connection is gone anyway.
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
