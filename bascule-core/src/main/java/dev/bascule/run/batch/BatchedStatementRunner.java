package dev.bascule.run.batch;

import dev.bascule.db.ConnectionCleanup;
import dev.bascule.error.BasculeException;
import dev.bascule.history.BatchProgress;
import dev.bascule.history.ProgressKey;
import dev.bascule.history.ProgressTable;
import dev.bascule.sql.Statement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs one {@code -- bascule:batch} statement in keyset batches, each in its own transaction, recording its
 * position in the {@link ProgressTable} in that same transaction.
 *
 * <p><b>One batch.</b> {@code SET LOCAL lock_timeout / statement_timeout} (when the directive gives them); the
 * next upper key: {@code SELECT key FROM t WHERE key > $last ORDER BY key LIMIT 1 OFFSET size-1}; the statement
 * with {@code (its WHERE) AND key > $last AND key <= $next} (qualified by the table's alias); the progress row
 * moved to {@code $next}; commit; then {@code pause}. When the bound query finds no row, fewer than {@code size}
 * keys remain and the last batch runs with {@code key > $last} alone and marks the statement finished. The
 * batches partition the key range, whatever the statement does to the columns its WHERE reads, and whatever gaps
 * the key has: every row present when the walk passes its key is considered exactly once. Rows inserted (or
 * changed by the application) behind the walk after it passed are the job of the trigger that a backfill pairs
 * with (seed 003's phase 1), not of the batcher.
 *
 * <p><b>Resume.</b> A killed run loses at most the batch in flight (rolled back with its progress update); the
 * next run resumes after the last key recorded. A finished statement never runs again. A changed file has another
 * checksum and starts over.
 *
 * <p><b>How a file holding batched statements runs</b> (the runner's part; {@link BatchedScriptPlan} gives the
 * steps and the rules, {@link BatchedScriptRunner} runs them): such a file cannot be one transaction. Each batched
 * statement runs as above; the statements between them are grouped into plain steps, each one transaction that
 * also marks the step done in the progress table. The migration's history row is written in the transaction of the
 * last step (its last batch, or its last plain step), so the migration counts as applied exactly when everything
 * committed; until then it stays pending, and the next run skips the steps recorded as done and resumes the batched
 * statement in flight. Combinations that cannot be made safe this way are refused before anything runs (see
 * {@link BatchedScriptPlan#check}).
 */
public final class BatchedStatementRunner {

    private final ProgressTable progress;

    public BatchedStatementRunner(ProgressTable progress) {
        this.progress = progress;
    }

    /** Runs the statement with no work added to its last transaction, messages not masked. */
    public BatchResult run(Connection autocommitConnection, Statement statement, BatchOptions options,
                           ProgressKey key, BatchListener listener) {
        return run(autocommitConnection, statement, options, key, listener, TransactionStep.NOTHING, false);
    }

    /**
     * Runs (or resumes, or skips when finished) one batched statement.
     *
     * @param autocommitConnection the run's connection, in autocommit; it is left in autocommit
     * @param key                  the statement's progress row
     * @param inLastTransaction    run inside the last batch's transaction before it commits (the history row)
     * @param secret               a secure migration: errors carry no PostgreSQL message text and no key values
     * @throws BatchStatementError                 the statement cannot be batched (nothing ran)
     * @throws BasculeException.MigrationFailed    a batch failed; the batches before it stay committed and recorded
     */
    public BatchResult run(Connection autocommitConnection, Statement statement, BatchOptions options,
                           ProgressKey key, BatchListener listener, TransactionStep inLastTransaction, boolean secret) {
        BatchShape shape = BatchShape.of(statement);
        BatchFailures failures = new BatchFailures(statement, secret);
        try {
            if (!autocommitConnection.getAutoCommit()) {
                throw new IllegalStateException("batched statements need a connection in autocommit: each batch"
                        + " commits on its own");
            }
            Optional<BatchProgress> before = progress.find(autocommitConnection, key);
            if (before.isPresent() && before.get().finished()) {
                return new BatchResult(0, before.get().rowsDone(), 0, Duration.ZERO, Duration.ZERO,
                        before.get().lastKey(), true);
            }
            ResolvedKey resolved = KeyResolver.resolve(autocommitConnection, shape, options);
            progress.ensureExists(autocommitConnection);
            BatchProgress state = progress.start(autocommitConnection, key, resolved.qualifiedTable(),
                    resolved.keyColumn());
            if (state.keyColumn().isPresent() && !state.keyColumn().get().equals(resolved.keyColumn())) {
                throw shape.error("a previous run walked this statement over " + state.table().orElse("?") + "."
                        + state.keyColumn().get() + ", but its key is now " + resolved.keyColumn() + "; clear the"
                        + " statement's progress (ProgressTable.clear) to start over, or restore the key");
            }
            try (BatchLoop loop = new BatchLoop(autocommitConnection, statement, new BatchSql(shape, resolved, options.size()),
                    progress, key, options, failures)) {
                return loop.run(state, resolved.qualifiedTable(), listener, inLastTransaction);
            }
        } catch (SQLException e) {
            throw failures.outsideBatch(e);
        }
    }

    /** The loop over one statement's batches; holds its prepared statements. */
    private static final class BatchLoop implements AutoCloseable {
        private final Connection connection;
        private final Statement statement;
        private final BatchSql sql;
        private final ProgressTable progress;
        private final ProgressKey key;
        private final BatchOptions options;
        private final BatchFailures failures;
        private final PreparedStatement[] statements = new PreparedStatement[4];
        private final PreparedStatement[] bounds = new PreparedStatement[2];

        BatchLoop(Connection connection, Statement statement, BatchSql sql, ProgressTable progress, ProgressKey key,
                  BatchOptions options, BatchFailures failures) {
            this.connection = connection;
            this.statement = statement;
            this.sql = sql;
            this.progress = progress;
            this.key = key;
            this.options = options;
            this.failures = failures;
        }

        BatchResult run(BatchProgress state, String table, BatchListener listener, TransactionStep inLastTransaction)
                throws SQLException {
            long start = System.nanoTime();
            Optional<String> resumedAfter = state.lastKey();
            Optional<String> last = state.lastKey();
            long rowsDone = state.rowsDone();
            long batchNumber = state.batches();
            long rowsThisRun = 0;
            long batchesThisRun = 0;
            Duration longest = Duration.ZERO;
            while (true) {
                batchNumber++;
                try {
                    listener.beforeBatch(connection, new BatchPosition(statement, options, table, batchNumber,
                            last, rowsDone));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failures.interrupted(batchNumber, last);
                } catch (SQLException e) {
                    throw failures.beforeBatch(e, batchNumber, last);
                }
                long txStart = System.nanoTime();
                Batch batch = runBatch(batchNumber, last, inLastTransaction, listener);
                Duration transaction = Duration.ofNanos(System.nanoTime() - txStart);
                longest = transaction.compareTo(longest) > 0 ? transaction : longest;
                rowsDone += batch.rows;
                rowsThisRun += batch.rows;
                batchesThisRun++;
                listener.afterBatch(new BatchReport(statement, batchNumber, batch.rows, batch.upper,
                        transaction, rowsDone, batch.upper.isEmpty()));
                if (batch.upper.isEmpty()) {
                    return new BatchResult(rowsThisRun, rowsDone, batchesThisRun, longest,
                            Duration.ofNanos(System.nanoTime() - start), resumedAfter, false);
                }
                last = batch.upper;
                pause(batchNumber, last);
            }
        }

        private record Batch(long rows, Optional<String> upper) {
        }

        private Batch runBatch(long batchNumber, Optional<String> last, TransactionStep inLastTransaction,
                               BatchListener listener) throws SQLException {
            try {
                connection.setAutoCommit(false);
                setLocalTimeouts();
                Optional<String> upper = nextUpperBound(last);
                long rows = execute(last, upper, batchNumber, listener);
                boolean finished = upper.isEmpty();
                if (!progress.advance(connection, key, last, finished ? last : upper, rows, finished)) {
                    throw failures.concurrentRun(batchNumber);
                }
                if (finished) {
                    inLastTransaction.run(connection);
                }
                connection.commit();
                return new Batch(rows, upper);
            } catch (SQLException e) {
                ConnectionCleanup.rollbackQuietly(connection);
                throw failures.inBatch(e, batchNumber, last);
            } catch (RuntimeException e) {
                ConnectionCleanup.rollbackQuietly(connection);
                throw e;
            } finally {
                ConnectionCleanup.restoreAutoCommit(connection);
            }
        }

        private void setLocalTimeouts() throws SQLException {
            StringBuilder set = new StringBuilder();
            options.lockTimeout().ifPresent(d -> set.append("SET LOCAL lock_timeout = ").append(d.toMillis()).append(';'));
            options.statementTimeout().ifPresent(d -> set.append("SET LOCAL statement_timeout = ").append(d.toMillis())
                    .append(';'));
            if (set.length() > 0) {
                try (java.sql.Statement st = connection.createStatement()) {
                    st.execute(set.toString());
                }
            }
        }

        private Optional<String> nextUpperBound(Optional<String> last) throws SQLException {
            int variant = last.isPresent() ? 1 : 0;
            if (bounds[variant] == null) {
                bounds[variant] = connection.prepareStatement(sql.boundQuery(last.isPresent()));
            }
            PreparedStatement ps = bounds[variant];
            if (last.isPresent()) {
                ps.setString(1, last.get());
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }

        private long execute(Optional<String> lower, Optional<String> upper, long batchNumber, BatchListener listener)
                throws SQLException {
            int variant = (lower.isPresent() ? 2 : 0) + (upper.isPresent() ? 1 : 0);
            if (statements[variant] == null) {
                statements[variant] = connection.prepareStatement(sql.statement(lower.isPresent(), upper.isPresent()));
            }
            PreparedStatement ps = statements[variant];
            int parameter = 1;
            if (lower.isPresent()) {
                ps.setString(parameter++, lower.get());
            }
            if (upper.isPresent()) {
                ps.setString(parameter, upper.get());
            }
            if (!ps.execute()) {
                return Math.max(0, ps.getUpdateCount());
            }
            try (ResultSet rs = ps.getResultSet()) {
                return listener.returned(statement, batchNumber, rs);
            }
        }

        private void pause(long batchNumber, Optional<String> last) {
            if (options.pause().isZero()) {
                return;
            }
            try {
                Thread.sleep(options.pause().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failures.interrupted(batchNumber + 1, last);
            }
        }

        @Override
        public void close() {
            for (PreparedStatement ps : statements) {
                closeQuietly(ps);
            }
            for (PreparedStatement ps : bounds) {
                closeQuietly(ps);
            }
        }

        private static void closeQuietly(PreparedStatement ps) {
            if (ps != null) {
                try {
                    ps.close();
                } catch (SQLException ignored) {
                    // Closing a statement of a dead connection: nothing left to release.
                }
            }
        }
    }
}
