package dev.bascule.run;

import dev.bascule.catalog.Migration;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.history.HistoryTable;
import dev.bascule.history.ProgressTable;
import dev.bascule.live.Throttle;
import dev.bascule.live.ThrottleTimeoutException;
import dev.bascule.run.batch.BatchListener;
import dev.bascule.run.batch.BatchPosition;
import dev.bascule.run.batch.BatchReport;
import dev.bascule.run.batch.BatchedScriptPlan;
import dev.bascule.run.batch.BatchedScriptRunner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A migration holding {@code -- bascule:batch} statements: it cannot be one transaction, so it runs as the batch
 * engine's steps (each batch and each stretch of plain statements in its own transaction, progress recorded in the
 * same transaction), its history row written when the last step commits. Before each batch with {@code max-lag} the
 * throttle waits for replicas and autovacuum; after each batch the listener hears the progress.
 */
final class BatchedMigration {

    /** How long one throttle wait may last before the migration stops (it resumes on the next run). */
    private static final Duration THROTTLE_LIMIT = Duration.ofMinutes(30);

    private final Connection connection;
    private final Database database;
    private final HistoryTable history;
    private final MigrationListener listener;

    BatchedMigration(Connection connection, Database database, HistoryTable history, MigrationListener listener) {
        this.connection = connection;
        this.database = database;
        this.history = history;
        this.listener = listener;
    }

    long run(PreparedMigration prepared, long start) throws SQLException {
        Migration migration = prepared.migration();
        connection.setAutoCommit(true);
        long[] ms = new long[1];
        Map<String, Throttle> throttles = new HashMap<>();
        try {
            new BatchedScriptRunner(ProgressTable.beside(history)).run(connection, BatchedScriptPlan.of(prepared.script()),
                    progressIdentity(migration), migration.checksum(),
                    (c, statement) -> StatementExecutor.execute(c, "migration " + migration.fileName(), migration.secret(), statement),
                    new Progress(migration, throttles),
                    c -> {
                        ms[0] = (System.nanoTime() - start) / 1_000_000;
                        history.insert(c, migration, ms[0], true);
                    }, migration.secret());
        } catch (dev.bascule.error.SourceSyntaxError e) {
            // Found only at run time: a key that does not fit (the table is created by an earlier migration, say).
            throw new BasculeException.MigrationFailed(e.getMessage() + "\nThe steps done before it stay recorded: fix the"
                    + " directive and run migrate again to resume.", e.sourceName(), e.line(), null, null);
        } finally {
            throttles.values().forEach(Throttle::close);
        }
        return ms[0];
    }

    /** How the progress table knows this migration: its version, or a repeatable file's stage and name. */
    static String progressIdentity(Migration migration) {
        return migration.repeatable() ? migration.stage().name() + "/" + migration.fileName() : migration.version().toString();
    }

    /** Throttle before each batch, report after it. */
    private final class Progress implements BatchListener {
        private final Migration migration;
        private final Map<String, Throttle> throttles;
        private final Map<String, Long> estimates = new HashMap<>();

        Progress(Migration migration, Map<String, Throttle> throttles) {
            this.migration = migration;
            this.throttles = throttles;
        }

        @Override
        public void beforeBatch(Connection c, BatchPosition position) throws SQLException, InterruptedException {
            estimates.computeIfAbsent(position.table(), table -> estimate(c, table));
            Optional<Duration> maxLag = position.options().maxLag();
            if (maxLag.isEmpty()) {
                return;
            }
            Throttle throttle = throttles.computeIfAbsent(position.table(), table -> new Throttle(database::connect,
                    Throttle.Settings.defaults().forTable(table).withMaxReplayLag(maxLag.get())));
            try {
                throttle.awaitClear(THROTTLE_LIMIT, line -> listener.info(migration.fileName() + ": batch "
                        + position.batchNumber() + " " + line));
            } catch (ThrottleTimeoutException e) {
                throw new BasculeException.MigrationFailed(migration.path() + ": " + e.getMessage() + "; the batches"
                        + " done so far are recorded: run migrate again to resume", migration.path(), 0, null, null);
            } catch (IllegalStateException e) {
                throw new BasculeException.MigrationFailed(migration.path() + ": max-lag needs the replication and"
                        + " vacuum statistics: " + e.getMessage(), migration.path(), 0, null, null);
            }
        }

        @Override
        public void afterBatch(BatchReport report) {
            listener.batch(migration, new MigrationListener.BatchEvent(report.statement().line(), report.batchNumber(),
                    report.rows(), report.rowsDone(), estimates.getOrDefault(tableOf(report), -1L),
                    migration.secret() ? Optional.empty() : report.keyReached(), report.transaction(), report.last()));
        }

        private String tableOf(BatchReport report) {
            return estimates.size() == 1 ? estimates.keySet().iterator().next() : "";
        }

        /** pg_class.reltuples: the planner's estimate of the table's rows, for an ETA; -1 when unknown. */
        private long estimate(Connection c, String table) {
            try (PreparedStatement ps = c.prepareStatement("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : -1L;
                }
            } catch (SQLException e) {
                return -1L;
            }
        }
    }
}
