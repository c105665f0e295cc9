package dev.bascule.run;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;
import dev.bascule.catalog.Version;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.history.AdvisoryLock;
import dev.bascule.history.AppliedMigration;
import dev.bascule.plan.MigrationState;
import dev.bascule.live.RetryPolicy;
import dev.bascule.plan.Plan;
import dev.bascule.plan.PlanEntry;
import dev.bascule.plan.Planner;
import dev.bascule.Settings;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes plans against one database. A run uses a single connection: it holds the session-level advisory lock
 * and runs every migration, so {@code CREATE INDEX CONCURRENTLY} never waits on a transaction of our own.
 */
public final class Migrator {

    static final String POP_RAW_HEADER = "-- POP RAW MIGRATION --";

    private final Database database;
    private final Settings settings;
    private final MigrationListener listener;

    public Migrator(Database database, Settings settings, MigrationListener listener) {
        this.database = database;
        this.settings = settings;
        this.listener = listener;
    }

    private Planner.Options planOptions() {
        return new Planner.Options(settings.dev(), settings.target(), settings.allowPhaseSkip());
    }

    /** Applies every pending migration up to the target, in version order; validates everything first. */
    public MigrateResult migrate(Catalog catalog) {
        failOnProblems(catalog.problems());
        try (RunSession session = RunSession.open(database, settings, listener, true);
             AdvisoryLock ignored = AdvisoryLock.acquire(session.connection(), settings.history(), settings.lockWait(), listener::info)) {
            Connection connection = session.connection();
            boolean firstRun = !settings.history().exists(connection);
            settings.history().ensureExists(connection);
            if (firstRun && settings.adopt().isPresent()) {
                HistoryAdopter adopter = adopter(settings.adopt().get());
                if (adopter.detect(connection)) {
                    adopt(connection, catalog, adopter);
                }
            }
            Plan plan = Planner.plan(catalog, settings.history().readAll(connection), planOptions());
            plan.warnings().forEach(listener::warning);
            List<Problem> problems = new ArrayList<>(plan.problems());
            List<PreparedMigration> prepared = new ArrayList<>();
            int serverVersion = serverVersionNum(connection);
            for (Migration migration : plan.toApply()) {
                PreparedMigration.prepare(migration, serverVersion, problems).ifPresent(prepared::add);
            }
            failOnProblems(problems);
            warnOfPopRawHeaders(prepared);
            if (prepared.isEmpty()) {
                listener.info("nothing to migrate: the database is up to date");
                return new MigrateResult(plan, List.of());
            }
            ScriptRunner runner = new ScriptRunner(session, settings.history(),
                    RetryPolicy.defaults().withMaxRetries(settings.lockRetries()), listener);
            List<Migration> applied = new ArrayList<>();
            for (PreparedMigration p : prepared) {
                listener.starting(p.migration());
                long ms = runner.apply(p, resumeOf(plan, p.migration()));
                applied.add(p.migration());
                listener.applied(p.migration(), ms);
            }
            return new MigrateResult(plan, applied);
        } catch (SQLException e) {
            throw new BasculeException.MigrationFailed("database error outside a migration statement at " + database.describe()
                    + ": " + OwnStatementFailure.describe(e, database, settings.history()), null, 0, e.getSQLState(), null);
        }
    }

    /** Where a no-transaction migration that repair made resumable starts again. */
    private static java.util.Optional<ScriptRunner.Resume> resumeOf(Plan plan, Migration migration) {
        return plan.entries().stream().filter(e -> e.migration().filter(m -> m == migration).isPresent())
                .flatMap(e -> e.applied().stream()).filter(AppliedMigration::resumable)
                .map(row -> new ScriptRunner.Resume(row.id(), row.resumeFrom())).findFirst();
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
                .filter(m -> m.text().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                        .map(POP_RAW_HEADER::equals).orElse(false))
                .toList();
        if (!marked.isEmpty()) {
            listener.warning(new Problem(marked.get(0).path(), 1, "Pop raw migration header ignored: Bascule splits these"
                    + " files like any other (" + marked.size() + " file(s) in this run carry it; the header can stay)"));
        }
    }

    /** The plan as it stands: reads history without locking or creating anything. */
    public Plan status(Catalog catalog) {
        try (RunSession session = RunSession.open(database, settings, listener, false)) {
            return Planner.plan(catalog, settings.history().readAll(session.connection()), planOptions());
        } catch (SQLException e) {
            throw new BasculeException.Configuration("cannot read migration history from " + database.describe() + ": "
                    + OwnStatementFailure.describe(e, database, settings.history()), null);
        }
    }

    /** Every problem that would stop {@code migrate}, including syntax and transaction checks of pending files. */
    public Plan validate(Catalog catalog) {
        Plan plan;
        List<Problem> problems;
        try (RunSession session = RunSession.open(database, settings, listener, false)) {
            Connection connection = session.connection();
            plan = Planner.plan(catalog, settings.history().readAll(connection), planOptions());
            problems = new ArrayList<>(plan.problems());
            int serverVersion = serverVersionNum(connection);
            for (Migration migration : plan.toApply()) {
                PreparedMigration.prepare(migration, serverVersion, problems);
            }
        } catch (SQLException e) {
            throw new BasculeException.Configuration("cannot read migration history from " + database.describe() + ": "
                    + OwnStatementFailure.describe(e, database, settings.history()), null);
        }
        failOnProblems(problems);
        return plan;
    }

    /**
     * Clears failed no-transaction migrations so they run again — from the statement they stopped at when the file is
     * unchanged, else from the start — and records the current checksum of changed ones. One line per change made.
     */
    public List<String> repair(Catalog catalog) {
        List<String> done = new ArrayList<>();
        try (RunSession session = RunSession.open(database, settings, listener, false);
             AdvisoryLock ignored = AdvisoryLock.acquire(session.connection(), settings.history(), settings.lockWait(), listener::info)) {
            Connection connection = session.connection();
            settings.history().ensureExists(connection);
            List<AppliedMigration> rows = settings.history().readAll(connection);
            Plan plan = Planner.plan(catalog, rows, planOptions());
            List<AppliedMigration> failed = rows.stream().filter(r -> !r.success() && !r.resumable()).toList();
            List<String> resumed = new ArrayList<>();
            List<AppliedMigration> removed = new ArrayList<>();
            for (AppliedMigration row : failed) {
                if (resumable(catalog, row)) {
                    settings.history().markResumable(connection, row.id(), row.statementsDone() + 1);
                    resumed.add(row.script() + " resumes at statement " + (row.statementsDone() + 1) + " on the next"
                            + " migrate (its first " + row.statementsDone() + " ran and are not run again)");
                } else {
                    settings.history().delete(connection, row.id());
                    removed.add(row);
                }
            }
            done.addAll(resumed);
            if (!removed.isEmpty()) {
                StringBuilder line = new StringBuilder("removed " + removed.size() + " failed migration row(s); they will"
                        + " run again on the next migrate");
                removed.forEach(row -> leftBehind(catalog, row).ifPresent(text -> line.append("\n  ").append(text)));
                done.add(line.toString());
            }
            for (PlanEntry entry : plan.entries()) {
                if (entry.state() == MigrationState.CHANGED && entry.migration().isPresent()) {
                    Migration m = entry.migration().get();
                    settings.history().updateChecksum(connection, m.version(), m.checksum());
                    done.add("recorded the new checksum of " + m.fileName() + " (it will not run again)");
                }
            }
            return done;
        } catch (SQLException e) {
            throw new BasculeException.MigrationFailed("repair failed at " + database.describe() + ": " + e.getMessage(),
                    null, 0, e.getSQLState(), null);
        }
    }

    /** A failed run that got somewhere, of a file that did not change since: it can go on where it stopped. */
    private static boolean resumable(Catalog catalog, AppliedMigration row) {
        return row.statementsDone() > 0 && row.version() != null
                && catalog.find(row.version()).map(m -> m.checksum().equals(row.checksum())).orElse(false);
    }

    /** What a failed no-transaction migration left applied, so the user can make its rerun succeed. */
    private java.util.Optional<String> leftBehind(Catalog catalog, AppliedMigration row) {
        if (row.statementsDone() == 0 || row.version() == null) {
            return java.util.Optional.empty();
        }
        java.util.Optional<Migration> file = catalog.find(row.version());
        if (file.isPresent() && !file.get().checksum().equals(row.checksum())) {
            return java.util.Optional.of(row.script() + ": " + row.statementsDone() + " statement(s) of the version that"
                    + " failed stay applied (the file changed since): check the objects they created before migrating");
        }
        return file.flatMap(m -> PreparedMigration.prepare(m, 0, new ArrayList<>()))
                .map(p -> row.script() + ": " + PreparedMigration.appliedBefore(p.script().statements(), row.statementsDone())
                        + " The next migrate runs the whole file again: drop those objects first, or make the statements"
                        + " idempotent (IF NOT EXISTS).");
    }

    /** Drops and re-creates the given schemas (with everything in them, history included), under the lock. */
    public void dropSchemas(List<String> schemas) {
        try (RunSession session = RunSession.open(database, settings, listener, false);
             AdvisoryLock ignored = AdvisoryLock.acquire(session.connection(), settings.history(), settings.lockWait(), listener::info);
             java.sql.Statement st = session.connection().createStatement()) {
            Connection connection = session.connection();
            // One transaction: a failure half-way leaves every schema as it was, never dropped without its grants.
            connection.setAutoCommit(false);
            for (String schema : schemas) {
                java.util.Optional<SchemaReset.SchemaState> before = SchemaReset.read(connection, schema);
                if (before.isPresent()) {
                    SchemaReset.reset(connection, before.get());
                } else {
                    SchemaReset.create(connection, schema);
                }
            }
            if (!schemas.contains(settings.history().schema())) {
                st.execute("DROP TABLE IF EXISTS " + settings.history().qualifiedName());
            }
            connection.commit();
            connection.setAutoCommit(true);
            schemas.forEach(schema -> listener.info("dropped and re-created schema " + schema + " (owner, grants and"
                    + " comment kept)"));
        } catch (SQLException e) {
            throw new BasculeException.MigrationFailed("reset failed at " + database.describe() + ": " + e.getMessage(),
                    null, 0, e.getSQLState(), null);
        }
    }

    private static int serverVersionNum(Connection connection) throws SQLException {
        try (java.sql.Statement st = connection.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }

    private static void failOnProblems(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new BasculeException.ValidationFailed(problems);
        }
    }
}
