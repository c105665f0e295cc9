package dev.bascule.run.batch;

import dev.bascule.error.BasculeException;
import dev.bascule.history.ProgressKey;
import dev.bascule.history.ProgressTable;
import dev.bascule.sql.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a whole script with batched statements as {@link BatchedScriptPlan} lays it out: each plain step in one
 * transaction that also records it done, each batched statement through {@link BatchedStatementRunner}, the
 * caller's last-transaction work (the history row) inside the last step's transaction. A rerun skips the steps
 * recorded as done and resumes the batched statement in flight.
 *
 * <p>Before anything runs, the key of every batched statement whose table already exists is resolved, so a table
 * without a usable key fails the script with nothing done; a table created by an earlier step of the same script
 * can only be checked when its batched statement is reached.
 */
public final class BatchedScriptRunner {

    /** Runs one plain statement on the given connection (the migration runner's executor, with its error text). */
    @FunctionalInterface
    public interface PlainStatementExecutor {
        void execute(Connection connection, Statement statement) throws SQLException;
    }

    /** What the run did. */
    public record ScriptResult(List<BatchResult> batched, int stepsRun, int stepsSkipped) {
        public ScriptResult {
            batched = List.copyOf(batched);
        }
    }

    private final ProgressTable progress;
    private final BatchedStatementRunner statements;

    public BatchedScriptRunner(ProgressTable progress) {
        this.progress = progress;
        this.statements = new BatchedStatementRunner(progress);
    }

    /**
     * @param autocommitConnection the run's connection, in autocommit (left so)
     * @param migration            the migration's identity in the progress table (its version, or a task's name)
     * @param checksum             the file's checksum
     * @param inLastTransaction    work done in the last step's transaction before it commits (the history row);
     *                             run in a transaction of its own when every step was already done
     */
    public ScriptResult run(Connection autocommitConnection, BatchedScriptPlan plan, String migration, String checksum,
                            PlainStatementExecutor executor, BatchListener listener,
                            TransactionStep inLastTransaction, boolean secret) {
        try {
            progress.ensureExists(autocommitConnection);
            preflight(autocommitConnection, plan, migration, checksum);
            List<BatchResult> batched = new ArrayList<>();
            int run = 0;
            int skipped = 0;
            List<BatchedScriptPlan.Step> steps = plan.steps();
            for (int i = 0; i < steps.size(); i++) {
                BatchedScriptPlan.Step step = steps.get(i);
                boolean lastStep = i == steps.size() - 1;
                TransactionStep finalWork = lastStep ? inLastTransaction : TransactionStep.NOTHING;
                ProgressKey key = new ProgressKey(migration, step.statementIndex(), checksum);
                boolean ran;
                if (step instanceof BatchedScriptPlan.BatchedStep b) {
                    BatchResult result = statements.run(autocommitConnection, b.statement(), b.options(), key,
                            listener, finalWork, secret);
                    batched.add(result);
                    ran = !result.alreadyFinished();
                } else {
                    ran = runPlain(autocommitConnection, (BatchedScriptPlan.PlainStep) step, key, executor, finalWork);
                }
                if (ran) {
                    run++;
                } else {
                    skipped++;
                    if (lastStep) {
                        inOwnTransaction(autocommitConnection, inLastTransaction);
                    }
                }
            }
            return new ScriptResult(batched, run, skipped);
        } catch (SQLException e) {
            throw new BasculeException.MigrationFailed(plan.script().sourceName() + ": database error between steps: "
                    + e.getMessage() + "; the steps committed so far are recorded: run again to resume",
                    plan.script().sourceName(), 0, e.getSQLState(), null);
        }
    }

    /** Resolves the keys of pending batched statements over existing tables: refuses before any step runs. */
    private void preflight(Connection connection, BatchedScriptPlan plan, String migration, String checksum)
            throws SQLException {
        for (BatchedScriptPlan.Step step : plan.steps()) {
            if (step instanceof BatchedScriptPlan.BatchedStep b) {
                boolean done = progress.find(connection, new ProgressKey(migration, b.statementIndex(), checksum))
                        .map(p -> p.finished()).orElse(false);
                BatchShape shape = BatchShape.of(b.statement());
                if (!done && KeyResolver.tableExists(connection, shape.keyTable())) {
                    KeyResolver.resolve(connection, shape, b.options());
                }
            }
        }
    }

    /** Runs a plain step unless recorded done; returns whether it ran. */
    private boolean runPlain(Connection connection, BatchedScriptPlan.PlainStep step, ProgressKey key,
                             PlainStatementExecutor executor, TransactionStep finalWork) throws SQLException {
        if (progress.find(connection, key).map(p -> p.finished()).orElse(false)) {
            return false;
        }
        connection.setAutoCommit(false);
        try {
            for (Statement statement : step.statements()) {
                executor.execute(connection, statement);
            }
            if (!progress.markFinished(connection, key)) {
                throw new BasculeException.MigrationFailed(step.statements().get(0).sourceName() + ":"
                        + step.statements().get(0).line() + ": another run finished this step (statements from line "
                        + step.statements().get(0).line() + ") while this one ran it; this run's work on it is rolled"
                        + " back. Make sure one runner works on this migration, then run again.",
                        step.statements().get(0).sourceName(), step.statements().get(0).line(), null, null);
            }
            finalWork.run(connection);
            connection.commit();
            return true;
        } catch (BasculeException.MigrationFailed e) {
            rollbackQuietly(connection);
            throw new BasculeException.MigrationFailed(e.getMessage() + "\nThis step (statements from line "
                    + step.statements().get(0).line() + ") is rolled back; the steps before it are committed and"
                    + " recorded: fix the cause and run again to resume.", e.file(), e.line(), e.sqlState(), null);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            if (!connection.isClosed()) {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void inOwnTransaction(Connection connection, TransactionStep work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The step's own failure is what the user needs; a failed rollback means the connection is gone.
        }
    }
}
