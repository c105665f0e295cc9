package dev.bascule.plan;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;
import dev.bascule.catalog.Stage;
import dev.bascule.catalog.Version;
import dev.bascule.history.AppliedMigration;
import dev.bascule.history.BatchProgress;
import dev.bascule.history.ProgressTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a catalog with the history table. Pure: no I/O, so it is cheap to test and to run twice. Versioned
 * files are matched to history by version; repeatable files by stage and file name, against their latest row.
 */
public final class Planner {

    /**
     * @param dev    in a dev environment a changed applied migration is a warning, not an error
     * @param target run nothing above this version (empty: everything); repeatable files compare their file
     *               name's version too, so a run up to a target never runs DDL written after it
     */
    public record Options(boolean dev, Optional<Version> target, boolean allowPhaseSkip) {
        public static final Options DEFAULT = new Options(false, Optional.empty(), false);

        public Options(boolean dev, Optional<Version> target) {
            this(dev, target, false);
        }
    }

    private Planner() {
    }

    public static Plan plan(Catalog catalog, List<AppliedMigration> history, Options options) {
        return plan(catalog, history, List.of(), options);
    }

    /**
     * As {@link #plan(Catalog, List, Options)}, with the rows of the progress table: a pending migration with rows
     * of its current checksum there has started (a data migration killed or stopped half-way) and is
     * {@link MigrationState#IN_PROGRESS}; it runs like a pending one, resuming.
     */
    public static Plan plan(Catalog catalog, List<AppliedMigration> history, List<BatchProgress> progress,
                            Options options) {
        Map<String, List<BatchProgress>> progressByMigration = new HashMap<>();
        for (BatchProgress row : progress) {
            progressByMigration.computeIfAbsent(row.key().migration() + "\u0000" + row.key().checksum(),
                    k -> new ArrayList<>()).add(row);
        }
        List<Problem> problems = new ArrayList<>(catalog.problems());
        List<Problem> warnings = new ArrayList<>(catalog.warnings());
        Map<Version, AppliedMigration> byVersion = new HashMap<>();
        Map<String, AppliedMigration> lastRepeatable = new LinkedHashMap<>();
        problems.addAll(PlanChecks.duplicateHistoryRows(history));
        options.target().flatMap(target -> PlanChecks.unknownTarget(target, catalog, history)).ifPresent(problems::add);
        for (AppliedMigration row : history) {
            if (row.version() != null) {
                byVersion.put(row.version(), row); // a duplicate version is a problem (above)
            } else {
                lastRepeatable.put(repeatableKey(row.stage(), row.script()), row); // rows come by id: the last wins
            }
        }
        Map<String, Integer> stageOrder = new HashMap<>();
        Map<PlanEntry, Integer> position = new IdentityHashMap<>();
        List<PlanEntry> entries = new ArrayList<>();
        List<Migration> toApply = new ArrayList<>();
        for (Migration m : catalog.migrations()) {
            stageOrder.putIfAbsent(m.stage().name(), m.stage().order());
            boolean inTarget = options.target().map(t -> m.version().compareTo(t) <= 0).orElse(true);
            AppliedMigration row = m.repeatable() ? lastRepeatable.remove(repeatableKey(m.stage().name(), m.fileName()))
                    : byVersion.remove(m.version());
            MigrationState state = m.repeatable() ? repeatableState(m, row, problems) : versionedState(m, row, options, problems, warnings);
            Optional<DataProgress> started = Optional.empty();
            if (state == MigrationState.PENDING || state == MigrationState.OUTDATED) {
                started = DataProgress.of(progressByMigration.getOrDefault(ProgressTable.identity(m) + "\u0000"
                        + m.checksum(), List.of()), m.secret());
                state = started.isPresent() ? MigrationState.IN_PROGRESS : state;
            }
            boolean run = state == MigrationState.PENDING || state == MigrationState.IN_PROGRESS || state == MigrationState.OUTDATED
                    || (state == MigrationState.APPLIED && m.repeatable() && m.stage().rerun() == Stage.Rerun.ALWAYS);
            if (run && inTarget) {
                toApply.add(m);
            }
            PlanEntry entry = new PlanEntry(m.version(), m.name(), m.kind().label(), state, Optional.of(m.location()), Optional.of(m),
                    Optional.ofNullable(row), m.stage().name(), started);
            position.put(entry, entries.size());
            entries.add(entry);
        }
        for (AppliedMigration row : byVersion.values()) {
            MigrationState state = row.success() ? MigrationState.MISSING : MigrationState.FAILED;
            entries.add(new PlanEntry(row.version(), row.name(), row.kind(), state, Optional.empty(), Optional.empty(), Optional.of(row),
                    stageName(row)));
            problems.add(Problem.of(row.script(), state == MigrationState.FAILED
                    ? "failed on " + row.appliedAt() + " and is no longer in the paths or manifest: run 'bascule repair'"
                    : "was applied on " + row.appliedAt() + " but is no longer in the paths or manifest: restore the file"
                    + " (and its manifest line); applied migrations are never removed"));
        }
        for (AppliedMigration row : lastRepeatable.values()) {
            entries.add(new PlanEntry(fileVersion(row), row.name(), row.kind(), MigrationState.MISSING, Optional.empty(), Optional.empty(),
                    Optional.of(row), stageName(row)));
            warnings.add(Problem.of(row.script(), "ran as a repeatable file of stage " + stageName(row) + " (last on "
                    + row.appliedAt() + ") but is no longer listed, so it will not run again; what it created stays"
                    + " in the database until a migration drops it"));
        }
        for (Catalog.FoundFile file : catalog.unlisted()) {
            AppliedMigration row = byVersion.get(file.file().version());
            entries.add(new PlanEntry(file.file().version(), file.file().name(), "", MigrationState.UNLISTED,
                    Optional.of(file.location()), Optional.empty(), Optional.ofNullable(row), ""));
        }
        toApply.stream().filter(PlanChecks::runsNothing).forEach(m -> warnings.add(Problem.of(m.path(), "has no"
                + " statement (it is empty or holds only comments): it will be recorded as applied without running"
                + " anything; write its SQL, or leave it so if it is a placeholder")));
        entries.sort(Comparator.<PlanEntry>comparingInt(e -> stageOrder.getOrDefault(e.stage(), 0))
                .thenComparing((a, b) -> inStageOrder(a, b, position))
                .thenComparing(e -> e.state().ordinal()));
        if (!options.allowPhaseSkip()) {
            problems.addAll(PhaseDiscipline.check(toApply));
        }
        return new Plan(entries, toApply, problems, warnings);
    }

    /** Versioned entries by version; repeatable files in run (manifest line) order, missing ones after them. */
    private static int inStageOrder(PlanEntry a, PlanEntry b, Map<PlanEntry, Integer> position) {
        boolean repeatable = a.migration().map(Migration::repeatable).orElse(false)
                || b.migration().map(Migration::repeatable).orElse(false);
        if (!repeatable) {
            return a.version().compareTo(b.version());
        }
        return Integer.compare(position.getOrDefault(a, Integer.MAX_VALUE), position.getOrDefault(b, Integer.MAX_VALUE));
    }

    private static MigrationState versionedState(Migration m, AppliedMigration row, Options options, List<Problem> problems,
                                                 List<Problem> warnings) {
        if (row == null || row.resumable()) {
            return MigrationState.PENDING;
        }
        if (!row.success()) {
            problems.add(Problem.of(location(m), "failed on " + row.appliedAt() + " while running without a transaction, so it may be"
                    + " partly applied: check the database, finish or undo it by hand, then run 'bascule repair'"));
            return MigrationState.FAILED;
        }
        if (row.checksum() != null && !row.checksum().equals(m.checksum())) {
            Problem changed = Problem.of(location(m), "changed after it was applied on " + row.appliedAt()
                    + " (checksum " + shortSum(row.checksum()) + " recorded, " + shortSum(m.checksum()) + " now): "
                    + "migrations run once and only once: write a new migration"
                    + (options.dev() ? " (in dev: 'bascule repair' accepts the new checksum, 'bascule reset' re-runs it)" : ""));
            (options.dev() ? warnings : problems).add(changed);
            return MigrationState.CHANGED;
        }
        return MigrationState.APPLIED;
    }

    private static MigrationState repeatableState(Migration m, AppliedMigration row, List<Problem> problems) {
        if (row == null) {
            return MigrationState.PENDING;
        }
        if (!row.success()) {
            problems.add(Problem.of(location(m), "failed on " + row.appliedAt() + " while running without a transaction, so"
                    + " it may be partly applied: check the database, then run 'bascule repair' (it runs again afterwards)"));
            return MigrationState.FAILED;
        }
        return m.checksum().equals(row.checksum()) ? MigrationState.APPLIED : MigrationState.OUTDATED;
    }

    private static String repeatableKey(String stage, String script) {
        return (stage == null ? Stage.DEFAULT_NAME : stage) + "\u0000" + script;
    }

    private static String stageName(AppliedMigration row) {
        return row.stage() == null ? "" : row.stage();
    }

    /** A repeatable row has no version; status shows the one in its file name (or 0 when it has none). */
    private static Version fileVersion(AppliedMigration row) {
        String script = row.script();
        int underscore = script.indexOf('_');
        try {
            return Version.parse(underscore > 0 ? script.substring(0, underscore) : script);
        } catch (IllegalArgumentException e) {
            return new Version(java.math.BigInteger.ONE);
        }
    }

    private static String location(Migration m) {
        return m.path();
    }

    private static String shortSum(String sum) {
        return sum.length() > 12 ? sum.substring(0, 12) : sum;
    }
}
