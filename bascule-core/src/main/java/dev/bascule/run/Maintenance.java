package dev.bascule.run;

import dev.bascule.Settings;
import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.catalog.Version;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.history.AdvisoryLock;
import dev.bascule.history.AppliedMigration;
import dev.bascule.history.ProgressTable;
import dev.bascule.history.TaskTable;
import dev.bascule.plan.MigrationState;
import dev.bascule.plan.Plan;
import dev.bascule.plan.PlanEntry;
import dev.bascule.plan.Planner;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The history-changing commands besides migrate: repair, down, baseline and reset's drop. Each takes the advisory
 * lock on the run's session, like migrate, so none of them races a runner.
 */
public final class Maintenance {

    private final Database database;
    private final Settings settings;
    private final MigrationListener listener;
    private final Migrator migrator;

    public Maintenance(Database database, Settings settings, MigrationListener listener) {
        this.database = database;
        this.settings = settings;
        this.listener = listener;
        this.migrator = new Migrator(database, settings, listener);
    }

    private Planner.Options planOptions() {
        return migrator.planOptions();
    }

    private static void failOnProblems(List<dev.bascule.error.Problem> problems) {
        Migrator.failOnProblems(problems);
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
                // What Bascule recorded beside the history goes with it: data migrations applied again after the
                // reset must run every step, not skip the ones an earlier run recorded as done.
                st.execute("DROP TABLE IF EXISTS " + ProgressTable.beside(settings.history()).qualifiedName());
                st.execute("DROP TABLE IF EXISTS " + TaskTable.beside(settings.history()).qualifiedName());
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

    /**
     * Undoes applied migrations newest first with their down files, each with the removal of its history row.
     * Everything is checked first; returns the migrations undone, in the order they were undone.
     */
    public List<Migration> down(Catalog catalog, java.util.Optional<Version> to, java.util.Optional<Integer> steps) {
        failOnProblems(catalog.problems());
        DownRunner downs = new DownRunner(settings);
        try (RunSession session = RunSession.open(database, settings, listener, true);
             AdvisoryLock ignored = AdvisoryLock.acquire(session.connection(), settings.history(), settings.lockWait(), listener::info)) {
            List<DownRunner.PreparedDown> prepared = downs.prepare(catalog, settings.history().readAll(session.connection()),
                    new DownRunner.Range(to, steps));
            List<Migration> undone = new ArrayList<>();
            for (DownRunner.PreparedDown down : prepared) {
                long start = System.nanoTime();
                downs.run(session, down);
                undone.add(down.migration());
                listener.info("undid " + down.migration().fileName() + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
            }
            if (undone.isEmpty()) {
                listener.info("nothing to undo");
            }
            return undone;
        } catch (SQLException e) {
            throw new BasculeException.MigrationFailed("database error outside a down statement at " + database.describe()
                    + ": " + OwnStatementFailure.describe(e, database, settings.history()), null, 0, e.getSQLState(), null);
        }
    }

    /**
     * Records every migration up to {@code version} as applied on a database that already has their schema and no
     * history yet (as Flyway's baseline does), so only later ones run.
     */
    public List<Migration> baseline(Catalog catalog, Version version, String description) {
        failOnProblems(catalog.problems());
        try (RunSession session = RunSession.open(database, settings, listener, false);
             AdvisoryLock ignored = AdvisoryLock.acquire(session.connection(), settings.history(), settings.lockWait(), listener::info)) {
            Connection connection = session.connection();
            settings.history().ensureExists(connection);
            List<AppliedMigration> rows = settings.history().readAll(connection);
            if (!rows.isEmpty()) {
                throw new BasculeException.Configuration("baseline: " + settings.history().qualifiedName() + " already has "
                        + rows.size() + " row(s): a baseline is for a database with the schema and no history; use"
                        + " 'bascule status' to see what is recorded");
            }
            List<Migration> baselined = catalog.migrations().stream()
                    .filter(m -> !m.repeatable() && m.version().compareTo(version) <= 0).toList();
            if (baselined.isEmpty() || catalog.find(version).isEmpty()) {
                throw new BasculeException.Configuration("baseline --version " + version + ": no migration has that"
                        + " version; give the version of the last migration whose changes the database already has");
            }
            connection.setAutoCommit(false);
            for (Migration m : baselined) {
                settings.history().insert(connection, m, 0, true, "baseline" + (description.isBlank() ? "" : ": " + description));
            }
            connection.commit();
            connection.setAutoCommit(true);
            listener.info("recorded " + baselined.size() + " migration(s) up to " + version + " as applied (baseline)");
            return baselined;
        } catch (SQLException e) {
            throw new BasculeException.MigrationFailed("baseline failed at " + database.describe() + ": "
                    + OwnStatementFailure.describe(e, database, settings.history()) + "; nothing was recorded", null, 0,
                    e.getSQLState(), null);
        }
    }

}
