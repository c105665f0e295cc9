package dev.bascule.run;

import dev.bascule.db.ConnectionCleanup;
import dev.bascule.catalog.Migration;
import dev.bascule.error.BasculeException;
import dev.bascule.history.HistoryTable;
import dev.bascule.live.Blockers;
import dev.bascule.live.InvalidIndex;
import dev.bascule.live.InvalidIndexes;
import dev.bascule.live.IndexStatement;
import dev.bascule.live.RetryPolicy;
import dev.bascule.run.audit.AuditLog;
import dev.bascule.run.audit.AuditScope;
import dev.bascule.sql.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Applies one prepared migration on the run's session. A transactional migration runs in one transaction together
 * with its history row, its statements sent in one round trip when they can be ({@link PipelinedMigration}); a
 * no-transaction one statement by statement, recorded as failed (with how far it got) until
 * the last statement succeeds. A lock timeout or deadlock is retried with backoff: the whole migration when it is
 * transactional, the failed statement otherwise (after dropping the invalid index a failed concurrent build leaves).
 */
final class ScriptRunner {

    private final RunSession session;
    private final dev.bascule.db.Database database;
    private final Connection connection;
    private final HistoryTable history;
    private final RetryPolicy retries;
    private final MigrationListener listener;
    private final AuditLog audits;
    private final PipelinedMigration pipeline;

    ScriptRunner(RunSession session, dev.bascule.db.Database database, HistoryTable history, RetryPolicy retries,
                 MigrationListener listener, AuditLog audits) {
        this.session = session;
        this.database = database;
        this.connection = session.connection();
        this.history = history;
        this.retries = retries;
        this.listener = listener;
        this.audits = audits;
        this.pipeline = new PipelinedMigration(connection);
    }

    /**
     * Applies the migration and returns its execution time in milliseconds.
     *
     * @param resume a failed no-transaction migration's history row and the statement (1-based) to resume at
     */
    long apply(PreparedMigration prepared, Optional<Resume> resume) throws SQLException {
        long start = System.nanoTime();
        // Audit files go to <audit-dir>/<version>_<name>/; the scope keeps only what committed.
        AuditScope audit = audits.open(prepared.migration().version() + "_" + prepared.migration().name(),
                prepared.migration().secret());
        BatchedMigration batched = dev.bascule.run.batch.BatchedScriptPlan.hasBatchedStatements(prepared.script())
                ? new BatchedMigration(connection, database, history, listener) : null;
        NoTransactionProgress progress = batched != null || prepared.transactional() ? null
                : new NoTransactionProgress(prepared, resume, audit);
        for (int attempt = 1; ; attempt++) {
            long attemptStart = System.nanoTime();
            try {
                session.beforeMigration(prepared.migration().secret());
                if (batched != null) {
                    return batched.run(prepared, start, audit);
                }
                if (prepared.transactional()) {
                    return pipeline.eligible(prepared) ? applyPipelined(prepared, start, audit)
                            : applyInTransaction(prepared, start, audit);
                }
                return progress.run(start);
            } catch (BasculeException.MigrationFailed e) {
                if (!RetryPolicy.isRetryableState(e.sqlState())) {
                    throw e;
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - attemptStart);
                Blockers blockers = session.lastBlockers().orElse(null);
                if (!retries.mayRetryAfter(attempt)) {
                    throw new BasculeException.MigrationFailed(e.getMessage() + "\n" + retries.giveUpMessage(e.sqlState(), attempt,
                            elapsed, blockers) + ": retry later, or end the blocking session (SELECT"
                            + " pg_terminate_backend(pid)) and run migrate again", e.file(), e.line(), e.sqlState(), null);
                }
                Duration wait = retries.delayBefore(attempt);
                listener.info(prepared.migration().fileName() + ": " + retries.retryMessage(e.sqlState(), attempt, elapsed, wait, blockers));
                sleep(wait);
            }
        }
    }

    /** Where a repaired no-transaction migration starts again: its history row and the 1-based statement. */
    record Resume(long historyId, int fromStatement) {
    }

    private long applyInTransaction(PreparedMigration prepared, long start, AuditScope audit) throws SQLException {
        connection.setAutoCommit(false);
        try {
            for (Statement statement : prepared.script().statements()) {
                execute(prepared.migration(), statement, audit);
            }
            return commit(prepared.migration(), start, audit);
        } catch (RuntimeException e) {
            throw rolledBack(e, audit);
        } finally {
            ConnectionCleanup.restoreAutoCommit(connection);
        }
    }

    /** Every statement ran: the history row and COMMIT, then the audit files are kept; returns the migration's ms. */
    private long commit(Migration migration, long start, AuditScope audit) {
        long ms = elapsedMs(start);
        record(migration, ms);
        audit.committed();
        return ms;
    }

    /**
     * A transactional migration's statements in one round trip (see {@link PipelinedMigration}), then its history row
     * and COMMIT as in {@link #applyInTransaction}, with the same outcome and errors; falls back to it when pgjdbc
     * would split the file differently.
     */
    private long applyPipelined(PreparedMigration prepared, long start, AuditScope audit) throws SQLException {
        Migration migration = prepared.migration();
        List<Statement> statements = prepared.script().statements();
        connection.setAutoCommit(false);
        try {
            PipelinedMigration.Outcome outcome = pipeline.run(statements);
            if (outcome instanceof PipelinedMigration.Outcome.StatementFailed failed) {
                throw StatementExecutor.failure("migration " + migration.fileName(), migration.secret(),
                        statements.get(failed.index()), failed.error());
            }
            if (outcome instanceof PipelinedMigration.Outcome.Ran) {
                return commit(migration, start, audit);
            }
        } catch (RuntimeException e) {
            throw rolledBack(e, audit);
        } finally {
            ConnectionCleanup.restoreAutoCommit(connection);
        }
        return applyInTransaction(prepared, start, audit); // not pipelined: nothing was sent
    }

    /** Rolls a transactional migration back; a failed statement's message then says nothing of it stayed. */
    private RuntimeException rolledBack(RuntimeException e, AuditScope audit) {
        ConnectionCleanup.rollbackQuietly(connection);
        audit.rolledBack();
        if (e instanceof BasculeException.MigrationFailed failed) {
            return new BasculeException.MigrationFailed(failed.getMessage()
                    + "\nIt was rolled back: nothing of it is applied.", failed.file(), failed.line(), failed.sqlState(), null);
        }
        return e;
    }

    /** A no-transaction migration's state across attempts: its history row and the statements already done. */
    private final class NoTransactionProgress {
        private final PreparedMigration prepared;
        private final List<Statement> statements;
        private final AuditScope audit;
        private long id = -1;
        private int done;

        NoTransactionProgress(PreparedMigration prepared, Optional<Resume> resume, AuditScope audit) {
            this.prepared = prepared;
            this.audit = audit;
            this.statements = prepared.script().statements();
            resume.ifPresent(r -> {
                id = r.historyId();
                done = Math.min(r.fromStatement() - 1, statements.size());
            });
        }

        long run(long start) throws SQLException {
            connection.setAutoCommit(true);
            if (id < 0) {
                // Recorded as failed first: if the process dies half-way the row says so and blocks the next run.
                id = history.insert(connection, prepared.migration(), 0, false);
            } else if (done > 0) {
                listener.info(prepared.migration().fileName() + ": resuming at statement " + (done + 1) + " of "
                        + statements.size() + " (the first " + done + " ran before)");
            }
            while (done < statements.size()) {
                Statement statement = statements.get(done);
                try {
                    executeChecked(statement);
                    audit.committed(); // each statement commits on its own here
                } catch (BasculeException.MigrationFailed e) {
                    audit.rolledBack();
                    String cleaned = RetryPolicy.isRetryableState(e.sqlState()) ? "" : dropInvalidIndexLeftBy(statement);
                    try {
                        history.finish(connection, id, elapsedMs(start), false);
                    } catch (SQLException lost) {
                        e.addSuppressed(lost); // the connection is gone; the row already says "failed"
                    }
                    if (RetryPolicy.isRetryableState(e.sqlState())) {
                        throw new BasculeException.MigrationFailed(e.getMessage() + cleaned, e.file(), e.line(),
                                e.sqlState(), null);
                    }
                    throw new BasculeException.MigrationFailed(e.getMessage() + cleaned + "\nIt ran without a transaction"
                            + " and is recorded as failed. " + PreparedMigration.appliedBefore(statements, done)
                            + " Fix the database, then run 'bascule repair'.", e.file(), e.line(), e.sqlState(), null);
                }
                history.recordProgress(connection, id, ++done);
            }
            long ms = elapsedMs(start);
            history.finish(connection, id, ms, true);
            return ms;
        }

        /**
         * Runs a statement; a concurrent index build that "succeeds" without building (IF NOT EXISTS over an invalid
         * index a failed run left) is caught: the invalid index is dropped and built again, never recorded as done.
         */
        private void executeChecked(Statement statement) throws SQLException {
            dropInvalidIndexBefore(statement);
            execute(prepared.migration(), statement, audit);
            Optional<IndexStatement> index = IndexStatement.parseConcurrentCreate(statement.sql());
            if (index.isEmpty()) {
                return;
            }
            Optional<InvalidIndex> invalid = InvalidIndexes.namedIn(connection, statement.sql());
            if (invalid.isPresent()) {
                // Never recorded as done: an index that exists but is INVALID serves no query and slows every write.
                throw new BasculeException.MigrationFailed(statement.sourceName() + ":" + statement.line()
                        + ": index " + invalid.get().name() + " is INVALID after the build: check the server log",
                        statement.sourceName(), statement.line(), null, null);
            }
        }

        /**
         * Before a concurrent build: an invalid index of that name (a build that failed or timed out) is dropped first.
         * The drop waits for other transactions like the build does, so a lock timeout here is retried like one there.
         */
        private void dropInvalidIndexBefore(Statement statement) throws SQLException {
            if (IndexStatement.parseConcurrentCreate(statement.sql()).isEmpty()) {
                return;
            }
            Optional<InvalidIndex> invalid = InvalidIndexes.namedIn(connection, statement.sql());
            if (invalid.isEmpty()) {
                return;
            }
            listener.info(statement.sourceName() + ":" + statement.line() + ": index " + invalid.get().name()
                    + " exists but is INVALID (a concurrent build that failed or timed out earlier); dropping it to build it again");
            try {
                InvalidIndexes.drop(connection, invalid.get());
            } catch (SQLException e) {
                throw new BasculeException.MigrationFailed(statement.sourceName() + ":" + statement.line()
                        + ": dropping the INVALID index " + invalid.get().name() + " failed: " + e.getMessage(),
                        statement.sourceName(), statement.line(), e.getSQLState(), null);
            }
        }

        /** After a failed concurrent build: drops the invalid index it left, so a retry or rerun can build it. */
        private String dropInvalidIndexLeftBy(Statement statement) {
            if (IndexStatement.parseConcurrentCreate(statement.sql()).isEmpty()) {
                return "";
            }
            try {
                Optional<InvalidIndex> invalid = InvalidIndexes.namedIn(connection, statement.sql());
                if (invalid.isPresent()) {
                    InvalidIndexes.drop(connection, invalid.get());
                    return "\nThe failed concurrent build left index " + invalid.get().name() + " INVALID; it was"
                            + " dropped, so running the statement again builds it afresh.";
                }
            } catch (SQLException | RuntimeException e) {
                return "\nThe failed concurrent build may have left an INVALID index (" + e.getMessage()
                        + "): drop it with DROP INDEX CONCURRENTLY before running again.";
            }
            return "";
        }
    }

    /**
     * The history row, in the migration's transaction, sent with its COMMIT (and the next migration's session reset);
     * a failure there names the migration (and may be retried).
     */
    private void record(Migration migration, long ms) {
        try {
            session.commitWith(history.insertSql(migration, ms));
        } catch (SQLException e) {
            throw new BasculeException.MigrationFailed(migration.path() + ": recording it in " + history.qualifiedName()
                    + " failed: " + e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"),
                    migration.path(), 0, e.getSQLState(), null);
        }
    }

    private void execute(Migration migration, Statement statement, AuditScope audit) {
        StatementExecutor.execute(connection, "migration " + migration.fileName(), migration.secret(), statement, audit);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BasculeException.MigrationFailed("interrupted while waiting to retry", null, 0, null, e);
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
