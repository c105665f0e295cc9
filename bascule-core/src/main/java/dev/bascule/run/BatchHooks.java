package dev.bascule.run;

import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.live.Throttle;
import dev.bascule.live.ThrottleTimeoutException;
import dev.bascule.run.audit.AuditDirectives;
import dev.bascule.run.audit.AuditScope;
import dev.bascule.run.audit.AuditSpec;
import dev.bascule.run.batch.BatchListener;
import dev.bascule.run.batch.BatchPosition;
import dev.bascule.run.batch.BatchReport;
import dev.bascule.run.batch.BatchedScriptPlan;
import dev.bascule.sql.Statement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the runner adds around the batch engine's steps, for a migration or a task: the max-lag throttle before each
 * batch, audit rows written in each batch's transaction, the audit commit points (before a batch, after it, and
 * when a plain step starts, all places where everything before has committed), and a progress event after each
 * batch. Close it to stop the throttles' connections.
 */
final class BatchHooks implements BatchListener, AutoCloseable {

    /** How long one throttle wait may last before the run stops (it resumes on the next run). */
    private static final Duration THROTTLE_LIMIT = Duration.ofMinutes(30);

    /**
     * The file the batches belong to.
     *
     * @param path  as shown in errors ({@code FILE: ...})
     * @param rerun the command that resumes the run, for messages ({@code migrate}, {@code task run FILE})
     */
    record Source(String fileName, String path, boolean secret, String rerun) {
    }

    private final Database database;
    private final MigrationListener listener;
    private final Source source;
    private final AuditScope audit;
    private final Runnable committed;
    private final Consumer<MigrationListener.BatchEvent> events;
    private final Set<Statement> stepStarts = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Throttle> throttles = new HashMap<>();
    private final Map<String, Long> estimates = new HashMap<>();

    /**
     * @param committed called at each commit point, after the audit scope heard of it (a task counts rows there)
     * @param events    receives each batch's progress (key left out for secret files)
     */
    BatchHooks(Database database, MigrationListener listener, BatchedScriptPlan plan, Source source, AuditScope audit,
               Runnable committed, Consumer<MigrationListener.BatchEvent> events) {
        this.database = database;
        this.listener = listener;
        this.source = source;
        this.audit = audit;
        this.committed = committed;
        this.events = events;
        plan.steps().stream().filter(s -> s instanceof BatchedScriptPlan.PlainStep)
                .forEach(s -> stepStarts.add(((BatchedScriptPlan.PlainStep) s).statements().get(0)));
    }

    /** Called before each plain statement: a plain step's first one runs only after the step before committed. */
    void beforePlainStatement(Statement statement) {
        if (stepStarts.contains(statement)) {
            commitPoint();
        }
    }

    /** Everything run so far has committed. */
    void commitPoint() {
        audit.committed();
        committed.run();
    }

    @Override
    public long returned(Statement statement, long batchNumber, ResultSet rows) throws SQLException {
        Optional<AuditSpec> spec = AuditDirectives.of(statement);
        return spec.isPresent() ? audit.writeBatch(statement, spec.get(), batchNumber, rows)
                : BatchListener.super.returned(statement, batchNumber, rows);
    }

    @Override
    public void beforeBatch(Connection c, BatchPosition position) throws SQLException, InterruptedException {
        commitPoint(); // whatever ran before this batch has committed
        estimates.computeIfAbsent(position.table(), table -> estimate(c, table));
        Optional<Duration> maxLag = position.options().maxLag();
        if (maxLag.isEmpty()) {
            return;
        }
        Throttle throttle = throttles.computeIfAbsent(position.table(), table -> new Throttle(database::connect,
                Throttle.Settings.defaults().forTable(table).withMaxReplayLag(maxLag.get())));
        try {
            throttle.awaitClear(THROTTLE_LIMIT, line -> listener.info(source.fileName() + ": batch "
                    + position.batchNumber() + " " + line));
        } catch (ThrottleTimeoutException e) {
            throw new BasculeException.MigrationFailed(source.path() + ": " + e.getMessage() + "; the batches done so"
                    + " far are recorded: run " + source.rerun() + " again to resume", source.path(), 0, null, null);
        } catch (IllegalStateException e) {
            throw new BasculeException.MigrationFailed(source.path() + ": max-lag needs the replication and vacuum"
                    + " statistics: " + e.getMessage(), source.path(), 0, null, null);
        }
    }

    @Override
    public void afterBatch(BatchReport report) {
        events.accept(new MigrationListener.BatchEvent(report.statement().line(), report.batchNumber(), report.rows(),
                report.rowsDone(), estimates.getOrDefault(tableOf(report), -1L),
                source.secret() ? Optional.empty() : report.keyReached(), report.transaction(), report.last()));
        commitPoint();
    }

    private String tableOf(BatchReport report) {
        return estimates.size() == 1 ? estimates.keySet().iterator().next() : "";
    }

    /** pg_class.reltuples: the planner's estimate of the table's rows, for an ETA; -1 when unknown. */
    private static long estimate(Connection c, String table) {
        try (PreparedStatement ps = c.prepareStatement("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1L;
            }
        } catch (SQLException e) {
            return -1L;
        }
    }

    @Override
    public void close() {
        throttles.values().forEach(Throttle::close);
    }
}
