package dev.bascule.run;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.history.AdvisoryLock;
import dev.bascule.history.AppliedMigration;
import dev.bascule.history.ProgressTable;
import dev.bascule.live.RetryPolicy;
import dev.bascule.plan.Plan;
import dev.bascule.plan.Planner;
import dev.bascule.run.audit.AuditLog;
import dev.bascule.Settings;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes plans against one database. A run uses a single connection: it holds the session-level advisory lock
 * and runs every migration, so {@code CREATE INDEX CONCURRENTLY} never waits on a transaction of our own.
 */
public final class Migrator {

    static final String POP_RAW_HEADER = "-- POP RAW MIGRATION --";

    private final Database database;
    private final Settings settings;
    private final MigrationListener listener;
    /** A session being opened while the caller reads the catalog; null when none was started or it was taken. */
    private EarlySession early;

    public Migrator(Database database, Settings settings, MigrationListener listener) {
        this.database = database;
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Starts opening the session {@link #migrate}, {@link #status} or {@link #validate} will use (with {@code watch},
     * as migrate opens it), on a second thread, so the caller can read the catalog meanwhile. Call
     * {@link #discardEarlySession} when done, whether or not a method took it.
     */
    public void connectEarly(boolean watch) {
        early = EarlySession.start(() -> RunSession.open(database, settings, listener, watch), watch);
    }

    /** Closes an early session no method took (the catalog failed first), once it is open. */
    public void discardEarlySession() {
        if (early != null) {
            early.discard();
            early = null;
        }
    }

    private RunSession session(boolean watch) {
        EarlySession taken = early;
        early = null;
        if (taken != null && taken.watch() == watch) {
            return taken.take();
        }
        if (taken != null) {
            taken.discard();
        }
        return RunSession.open(database, settings, listener, watch);
    }

    Planner.Options planOptions() {
        return new Planner.Options(settings.dev(), settings.target(), settings.allowPhaseSkip());
    }

    /** Applies every pending migration up to the target, in version order; validates everything first. */
    public MigrateResult migrate(Catalog catalog) {
        failOnProblems(catalog.problems());
        try (RunSession session = session(true);
             AdvisoryLock ignored = AdvisoryLock.acquire(session.connection(), settings.history(), settings.lockWait(), listener::info)) {
            Connection connection = session.connection();
            settings.history().ensureExists(connection);
            // Adopt while the history is empty, not only when the table is new: a first adoption that was refused
            // (a dirty golang-migrate table, say) must be tried again on the next run.
            if (settings.adopt().isPresent() && settings.history().readAll(connection).isEmpty()) {
                HistoryAdopter adopter = adopter(settings.adopt().get());
                if (adopter.detect(connection)) {
                    adopt(connection, catalog, adopter);
                }
            }
            Plan plan = Planner.plan(catalog, settings.history().readAll(connection),
                    ProgressTable.beside(settings.history()).readAll(connection), planOptions());
            plan.warnings().forEach(listener::warning);
            List<Problem> problems = new ArrayList<>(plan.problems());
            List<PreparedMigration> prepared = PreparedMigration.prepareAll(plan.toApply(), serverVersionNum(connection), problems);
            failOnProblems(problems);
            warnOfPopRawHeaders(prepared);
            HookRunner hooks = new HookRunner(settings.baseDir(), settings.environment(), settings.hooks(), listener);
            List<Migration> applied = new ArrayList<>();
            AuditLog audits = new AuditLog(settings.auditDir());
            try {
                hooks.run("before-migrate", settings.hooks().beforeMigrate(), connection, Map.of(), 1);
                if (prepared.isEmpty()) {
                    listener.info("nothing to migrate: the database is up to date");
                }
                ScriptRunner runner = new ScriptRunner(session, database, settings.history(),
                        RetryPolicy.defaults().withMaxRetries(settings.lockRetries()), listener, audits);
                Map<Migration, ScriptRunner.Resume> resumes = resumes(plan);
                for (PreparedMigration p : prepared) {
                    listener.starting(p.migration());
                    long ms = runner.apply(p, java.util.Optional.ofNullable(resumes.get(p.migration())));
                    applied.add(p.migration());
                    listener.applied(p.migration(), ms);
                    hooks.run("after-each", settings.hooks().afterEach(), connection, Map.of("BASCULE_VERSION",
                            p.migration().version().toString(), "BASCULE_SCRIPT", p.migration().fileName()), 5);
                }
            } catch (RuntimeException | SQLException e) {
                if (!settings.hooks().onError().isEmpty()) {
                    try {
                        hooks.run("on-error", settings.hooks().onError(), connection, Map.of("BASCULE_APPLIED",
                                versions(applied)), 1);
                    } catch (BasculeException.HookFailed hookFailure) {
                        e.addSuppressed(hookFailure);
                        listener.info(hookFailure.getMessage());
                    }
                }
                throw e;
            } finally {
                if (!audits.files().isEmpty()) {
                    listener.auditFiles(audits.files());
                }
            }
            hooks.run("after-migrate", settings.hooks().afterMigrate(), connection, Map.of("BASCULE_APPLIED",
                    versions(applied)), 5);
            return new MigrateResult(plan, applied);
        } catch (SQLException e) {
            throw new BasculeException.MigrationFailed("database error outside a migration statement at " + database.describe()
                    + ": " + OwnStatementFailure.describe(e, database, settings.history()), null, 0, e.getSQLState(), null);
        }
    }

    /** The applied versions, space-separated, for hooks' environment. */
    private static String versions(List<Migration> applied) {
        return String.join(" ", applied.stream().map(m -> m.version().toString()).toList());
    }

    /**
     * The SQL {@code migrate} would send, in order, without changing anything: reads history, validates like migrate.
     */
    public List<String> dryRun(Catalog catalog) {
        failOnProblems(catalog.problems());
        try (RunSession session = RunSession.open(database, settings, listener, false)) {
            Plan plan = Planner.plan(catalog, settings.history().readAll(session.connection()), planOptions());
            List<Problem> problems = new ArrayList<>(plan.problems());
            List<PreparedMigration> prepared = PreparedMigration.prepareAll(plan.toApply(), serverVersionNum(session.connection()),
                    problems);
            failOnProblems(problems);
            return DryRun.script(settings, prepared);
        } catch (SQLException e) {
            throw new BasculeException.Configuration("cannot read migration history from " + database.describe() + ": "
                    + OwnStatementFailure.describe(e, database, settings.history()), null);
        }
    }

    /**
     * Where each no-transaction migration that repair made resumable starts again, by migration (identity). Built once
     * per run: a lookup per migration over the whole plan made a long history quadratic.
     */
    private static Map<Migration, ScriptRunner.Resume> resumes(Plan plan) {
        Map<Migration, ScriptRunner.Resume> resumes = new java.util.IdentityHashMap<>();
        for (var entry : plan.entries()) {
            entry.migration().ifPresent(m -> entry.applied().stream().filter(AppliedMigration::resumable).findFirst()
                    .ifPresent(row -> resumes.putIfAbsent(m, new ScriptRunner.Resume(row.id(), row.resumeFrom()))));
        }
        return resumes;
    }

    /**
     * Imports another tool's history into the history table (creating it), under the advisory lock. Idempotent:
     * versions already recorded are counted, not inserted again.
     */
    public HistoryAdopter.Result adopt(Catalog catalog, String tool) {
        HistoryAdopter adopter = adopter(tool);
        failOnProblems(catalog.problems());
        try (RunSession session = RunSession.open(database, settings, listener, false);
             AdvisoryLock ignored = AdvisoryLock.acquire(session.connection(), settings.history(), settings.lockWait(), listener::info)) {
            settings.history().ensureExists(session.connection());
            return adopt(session.connection(), catalog, adopter);
        } catch (SQLException e) {
            throw new BasculeException.MigrationFailed("adopting " + adopter.displayName() + "'s history failed at " + database.describe()
                    + ": " + e.getMessage() + ": nothing was recorded; fix the cause and run 'bascule adopt " + tool
                    + "' again", null, 0, e.getSQLState(), null);
        }
    }

    private static HistoryAdopter adopter(String tool) {
        return HistoryAdopter.forTool(tool).orElseThrow(() -> new BasculeException.Configuration("adopt " + tool
                + ": no such tool; known: " + HistoryAdopter.installed().stream().map(HistoryAdopter::tool).sorted().toList()));
    }

    private HistoryAdopter.Result adopt(Connection connection, Catalog catalog, HistoryAdopter adopter) throws SQLException {
        HistoryAdopter.Result result = adopter.adopt(connection, catalog, settings.history());
        result.unknown().forEach(listener::warning);
        listener.info("adopted " + result.adopted().size() + " migration(s) from " + adopter.displayName() + "'s "
                + result.table() + (result.alreadyRecorded() > 0 ? " (" + result.alreadyRecorded() + " already recorded)" : ""));
        return result;
    }

    /** Pop's raw header changed how Pop split a file; Bascule splits every file the same way, so say it once. */
    private void warnOfPopRawHeaders(List<PreparedMigration> prepared) {
        List<Migration> marked = prepared.stream().map(PreparedMigration::migration)
                .filter(m -> m.text().contains(POP_RAW_HEADER)) // cheap first: most files do not mention it
                .filter(m -> m.text().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                        .map(POP_RAW_HEADER::equals).orElse(false))
                .toList();
        if (!marked.isEmpty()) {
            listener.warning(new Problem(marked.get(0).path(), 1, "Pop raw migration header ignored: Bascule splits these"
                    + " files like any other (" + marked.size() + " file(s) in this run carry it; the header can stay)"));
        }
    }

    /**
     * The plan as it stands: reads history, and the progress of data migrations under way, without locking or
     * creating anything.
     */
    public Plan status(Catalog catalog) {
        try (RunSession session = session(false)) {
            return Planner.plan(catalog, settings.history().readAll(session.connection()),
                    ProgressTable.beside(settings.history()).readAll(session.connection()), planOptions());
        } catch (SQLException e) {
            throw new BasculeException.Configuration("cannot read migration history from " + database.describe() + ": "
                    + OwnStatementFailure.describe(e, database, settings.history()), null);
        }
    }

    /** Every problem that would stop {@code migrate}, including syntax and transaction checks of pending files. */
    public Plan validate(Catalog catalog) {
        Plan plan;
        List<Problem> problems;
        try (RunSession session = session(false)) {
            Connection connection = session.connection();
            plan = Planner.plan(catalog, settings.history().readAll(connection), planOptions());
            problems = new ArrayList<>(plan.problems());
            PreparedMigration.prepareAll(plan.toApply(), serverVersionNum(connection), problems);
        } catch (SQLException e) {
            throw new BasculeException.Configuration("cannot read migration history from " + database.describe() + ": "
                    + OwnStatementFailure.describe(e, database, settings.history()), null);
        }
        failOnProblems(problems);
        return plan;
    }

    private static int serverVersionNum(Connection connection) throws SQLException {
        try (java.sql.Statement st = connection.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }

    static void failOnProblems(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new BasculeException.ValidationFailed(problems);
        }
    }
}
