package dev.bascule.inspect;

import dev.bascule.db.ThrowawayDatabase;
import dev.bascule.Settings;
import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.DownFiles;
import dev.bascule.catalog.Migration;
import dev.bascule.catalog.ScriptFormat;
import dev.bascule.catalog.Version;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.error.SourceSyntaxError;
import dev.bascule.plan.Plan;
import dev.bascule.run.MigrationListener;
import dev.bascule.run.Migrator;
import dev.bascule.schema.SchemaDiff;
import dev.bascule.schema.SchemaSnapshot;
import dev.bascule.sql.IncludeResolver;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptParser;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code check-reversible}: on a shadow database, first the migrations the environment has already applied, then for
 * each pending migration (or every one, with {@code all}): snapshot, up, snapshot A, down, the snapshot must equal
 * the first, up again, the snapshot must equal A. Up and down run through the facade ({@link ShadowRun}), so the
 * check runs what {@code migrate} and {@code down} run.
 *
 * <p>After a failure that may have left the shadow in another state than "this migration applied" (a down or a
 * second up that failed, a second up that gave another schema), the shadow is replaced by a fresh one with every
 * migration up to this one applied, so the next migrations are checked from the state their ups expect.
 */
public final class ReversibilityCheck {

    private final Settings settings;
    private final Database target;
    private final MigrationListener listener;

    /**
     * @param target the environment's database: its history says what is pending, and its server hosts the shadow
     */
    public ReversibilityCheck(Settings settings, Database target, MigrationListener listener) {
        this.settings = settings;
        this.target = target;
        this.listener = listener;
    }

    public ReversibilityReport run(Catalog catalog, boolean all) {
        List<Problem> problems = new ArrayList<>(catalog.problems());
        problems.addAll(DownFiles.withoutUp(settings.stages(), settings.sourceSettings(), settings::isSecure));
        if (!problems.isEmpty()) {
            throw new BasculeException.ValidationFailed(problems);
        }
        List<Migration> versioned = catalog.migrations().stream().filter(m -> !m.repeatable()).toList();
        Set<Migration> toCheck = new HashSet<>(all ? versioned : pending(catalog));
        if (toCheck.isEmpty()) {
            return new ReversibilityReport(all, List.of(), List.of());
        }
        List<MigrationCheck> checks = new ArrayList<>();
        List<Migration> notChecked = new ArrayList<>();
        ShadowRun run = new ShadowRun(settings, ThrowawayDatabase.empty(target, "check-reversible", listener::warning));
        listener.info("check-reversible: throwaway database " + run.shadow().describe());
        try {
            Version prerequisite = null;
            boolean upFailed = false;
            for (Migration migration : versioned) {
                if (!toCheck.contains(migration)) {
                    prerequisite = migration.version();
                    continue;
                }
                if (upFailed) {
                    notChecked.add(migration);
                    continue;
                }
                if (prerequisite != null) {
                    prepare(run, prerequisite);
                    prerequisite = null;
                }
                listener.info("checking " + migration.fileName() + ": up, down, up again");
                Outcome outcome = check(run, migration);
                checks.add(outcome.check());
                run = outcome.run();
                upFailed = outcome.check().failures().stream().anyMatch(f -> f instanceof MigrationCheck.UpFailed);
            }
        } catch (SQLException e) {
            throw new BasculeException.Configuration("check-reversible: reading the schema of the throwaway database "
                    + run.shadow().describe() + " failed: " + e.getMessage(), e);
        } finally {
            run.shadow().close();
        }
        return new ReversibilityReport(all, checks, notChecked);
    }

    /** The migrations the environment's database has not applied yet (versioned ones: repeatable files have no down). */
    private List<Migration> pending(Catalog catalog) {
        Plan plan = new Migrator(target, settings, listener).status(catalog);
        return plan.toApply().stream().filter(m -> !m.repeatable()).toList();
    }

    /** Applies the migrations before a checked one (those the environment has applied) on the shadow. */
    private static void prepare(ShadowRun run, Version upTo) {
        try {
            run.upTo(upTo);
        } catch (BasculeException.MigrationFailed | BasculeException.ValidationFailed e) {
            throw new BasculeException.MigrationFailed("check-reversible: applying the migrations up to " + upTo
                    + " (applied here already) on the throwaway database failed, so nothing after them can be checked: "
                    + e.getMessage(), null, 0, null, e);
        }
    }

    private record Outcome(MigrationCheck check, ShadowRun run) {
    }

    private Outcome check(ShadowRun run, Migration migration) throws SQLException {
        List<MigrationCheck.Failure> failures = new ArrayList<>();
        List<Problem> warnings = dataRule(migration);
        SchemaSnapshot before = run.snapshot();
        try {
            run.upTo(migration.version());
        } catch (BasculeException.MigrationFailed | BasculeException.ValidationFailed e) {
            failures.add(new MigrationCheck.UpFailed(e.getMessage()));
            return new Outcome(new MigrationCheck(migration, failures, warnings), run);
        }
        SchemaSnapshot afterUp = run.snapshot();
        if (migration.down().isEmpty()) {
            failures.add(new MigrationCheck.NoDownFile(migration.fileName().replaceFirst("\\.up\\.", ".down.")));
            return new Outcome(new MigrationCheck(migration, failures, warnings), run);
        }
        try {
            run.downOne();
        } catch (BasculeException.MigrationFailed | BasculeException.ValidationFailed e) {
            failures.add(new MigrationCheck.DownFailed(e.getMessage()));
            return new Outcome(new MigrationCheck(migration, failures, warnings), restore(run, migration, afterUp));
        }
        SchemaDiff afterDown = SchemaDiff.between(before, run.snapshot());
        if (!afterDown.isEmpty()) {
            failures.add(new MigrationCheck.DownIncomplete(afterDown));
        }
        try {
            run.upTo(migration.version());
        } catch (BasculeException.MigrationFailed | BasculeException.ValidationFailed e) {
            failures.add(new MigrationCheck.UpNotRepeatable(Optional.of(e.getMessage()), new SchemaDiff(List.of())));
            return new Outcome(new MigrationCheck(migration, failures, warnings), restore(run, migration, afterUp));
        }
        SchemaDiff again = SchemaDiff.between(afterUp, run.snapshot());
        if (!again.isEmpty()) {
            failures.add(new MigrationCheck.UpNotRepeatable(Optional.empty(), again));
            run = restore(run, migration, afterUp);
        }
        return new Outcome(new MigrationCheck(migration, failures, warnings), run);
    }

    /**
     * The shadow in the state "every migration up to this one applied", as after its first up: kept when it is in
     * that state, else replaced by a fresh shadow database brought there.
     */
    private ShadowRun restore(ShadowRun run, Migration migration, SchemaSnapshot afterUp) throws SQLException {
        if (run.applied(migration) && run.snapshot().equals(afterUp)) {
            return run;
        }
        run.shadow().close();
        ShadowRun fresh = new ShadowRun(settings, ThrowawayDatabase.empty(target, "check-reversible", listener::warning));
        listener.info("check-reversible: " + migration.fileName() + " left the throwaway database in another state;"
                + " continuing on a fresh one, " + fresh.shadow().describe());
        try {
            prepare(fresh, migration.version());
        } catch (RuntimeException e) {
            fresh.shadow().close();
            throw e;
        }
        return fresh;
    }

    /** The rule {@value DownDataRule#ID} on the migration's up and down files (nothing when either cannot be read). */
    private List<Problem> dataRule(Migration migration) {
        try {
            Optional<Script> down = DownFiles.read(migration, settings.sourceSettings(), settings::isSecure);
            if (down.isEmpty()) {
                return List.of();
            }
            Script up = ScriptParser.parse(migration.path(), ScriptFormat.sqlOf(migration.file(), migration.path(),
                    migration.text()), migration.location().isLocal() ? IncludeResolver.fileSystem(Path.of("")) : null);
            return DownDataRule.check(migration.fileName(), up, down.get(), migration.secret());
        } catch (IOException | SourceSyntaxError e) {
            // The run itself reports unreadable or unsplittable files, naming file and line.
            return List.of();
        }
    }
}
