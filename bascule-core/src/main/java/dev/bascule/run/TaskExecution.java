package dev.bascule.run;

import dev.bascule.db.ConnectionCleanup;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.history.ProgressTable;
import dev.bascule.history.TaskRun;
import dev.bascule.history.TaskTable;
import dev.bascule.run.audit.AuditScope;
import dev.bascule.run.batch.BatchedScriptPlan;
import dev.bascule.run.batch.BatchedScriptRunner;
import dev.bascule.run.batch.TransactionStep;
import dev.bascule.sql.Statement;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One run of a task file on the run's connection, counting what committed: rows of statements whose transaction
 * committed (a step's rows count once the next step starts, since it committed before), batches, statements. The
 * outcome goes to the tasks table: with the work's own transaction for a one-transaction file, right after the
 * last step otherwise (a process dying in between leaves the run "running"; the next run marks it interrupted and,
 * resuming, finds every step done).
 */
final class TaskExecution {

    private final Connection connection;
    private final Database database;
    private final MigrationListener listener;
    private final TaskRunner.TaskScript task;
    private final TaskRun run;
    private final TaskTable tasks;
    private final ProgressTable progress;
    private final AuditScope audit;
    private final String what;
    private long rows;
    private long uncommittedRows;
    private int statements;
    private long batches;

    TaskExecution(Connection connection, Database database, MigrationListener listener, TaskRunner.TaskScript task,
                  TaskRun run, TaskTable tasks, ProgressTable progress, AuditScope audit) {
        this.connection = connection;
        this.database = database;
        this.listener = listener;
        this.task = task;
        this.run = run;
        this.tasks = tasks;
        this.progress = progress;
        this.audit = audit;
        this.what = "task " + task.name();
    }

    void run() throws SQLException {
        try {
            if (BatchedScriptPlan.hasBatchedStatements(task.script())) {
                inSteps();
            } else if (task.script().directives().noTransaction()) {
                statementByStatement();
            } else {
                inOneTransaction();
            }
        } catch (BasculeException.MigrationFailed e) {
            audit.rolledBack();
            String outcome = "\nTask run " + run.id() + " is recorded as failed (" + rows + " row(s) changed by the work"
                    + " that committed); fix the cause and run it again" + (BatchedScriptPlan.hasBatchedStatements(
                    task.script()) ? ": the next run resumes after the batches recorded." : ".");
            recordFailure(e.getMessage());
            throw new BasculeException.MigrationFailed(e.getMessage() + outcome, e.file(), e.line(), e.sqlState(), null);
        } catch (SQLException | RuntimeException e) {
            audit.rolledBack();
            recordFailure(e.getMessage());
            throw e;
        }
    }

    private void inOneTransaction() throws SQLException {
        connection.setAutoCommit(false);
        try {
            for (Statement statement : task.script().statements()) {
                uncommittedRows += execute(statement);
                statements++;
            }
            tasks.finish(connection, run.id(), TaskRun.Outcome.SUCCEEDED, uncommittedRows, statements, 0, null);
            connection.commit();
            rows = uncommittedRows;
            audit.committed();
        } catch (BasculeException.MigrationFailed e) {
            ConnectionCleanup.rollbackQuietly(connection);
            throw new BasculeException.MigrationFailed(e.getMessage() + "\nThe task ran in one transaction and was"
                    + " rolled back: nothing of it is applied.", e.file(), e.line(), e.sqlState(), null);
        } catch (SQLException | RuntimeException e) {
            ConnectionCleanup.rollbackQuietly(connection);
            throw e;
        } finally {
            ConnectionCleanup.restoreAutoCommit(connection);
        }
    }

    private void statementByStatement() throws SQLException {
        connection.setAutoCommit(true);
        for (Statement statement : task.script().statements()) {
            try {
                rows += execute(statement);
            } catch (BasculeException.MigrationFailed e) {
                throw new BasculeException.MigrationFailed(e.getMessage() + "\nThe task runs without a transaction: "
                        + PreparedMigration.appliedBefore(task.script().statements(), statements), e.file(), e.line(),
                        e.sqlState(), null);
            }
            statements++;
            audit.committed();
        }
        tasks.finish(connection, run.id(), TaskRun.Outcome.SUCCEEDED, rows, statements, 0, null);
    }

    private void inSteps() throws SQLException {
        connection.setAutoCommit(true);
        BatchedScriptPlan plan = BatchedScriptPlan.of(task.script());
        BatchedScriptRunner.ScriptResult result;
        try (BatchHooks hooks = new BatchHooks(database, listener, plan, new BatchHooks.Source(task.name(), task.name(),
                task.secret(), "task run " + task.name()), audit, this::committed, event -> {
                    uncommittedRows += event.rows();
                    batches++;
                    listener.taskBatch(task.name(), event);
                })) {
            result = new BatchedScriptRunner(progress).run(connection, plan, run.progressKey(), task.checksum(),
                    (c, statement) -> {
                        hooks.beforePlainStatement(statement);
                        uncommittedRows += StatementExecutor.execute(c, what, task.secret(), statement, audit);
                        statements++;
                    }, hooks, TransactionStep.NOTHING, task.secret());
        }
        committed();
        audit.committed();
        statements += (int) result.batched().stream().filter(b -> !b.alreadyFinished()).count();
        tasks.finish(connection, run.id(), TaskRun.Outcome.SUCCEEDED, rows, statements, batches, null);
    }

    /** A commit point of a run in steps: the rows counted since the last one are in the database now. */
    private void committed() {
        rows += uncommittedRows;
        uncommittedRows = 0;
    }

    private long execute(Statement statement) {
        return StatementExecutor.execute(connection, what, task.secret(), statement, audit);
    }

    private void recordFailure(String message) {
        try {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            tasks.finish(connection, run.id(), TaskRun.Outcome.FAILED, rows, statements, batches, message);
        } catch (SQLException lost) {
            // The connection is gone: the row stays "running" and the next run marks it interrupted.
            listener.info("task " + task.name() + ": run " + run.id() + " could not be recorded as failed ("
                    + lost.getMessage() + "); the next run marks it interrupted");
        }
    }
}
