package dev.bascule.plan;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.catalog.Problem;
import dev.bascule.catalog.Version;
import dev.bascule.history.AppliedMigration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compares a catalog with the history table. Pure: no I/O, so it is cheap to test and to run twice. */
public final class Planner {

    /**
     * @param dev    in a dev environment a changed applied migration is a warning, not an error
     * @param target run nothing above this version (empty: everything)
     */
    public record Options(boolean dev, Optional<Version> target) {
        public static final Options DEFAULT = new Options(false, Optional.empty());
    }

    private Planner() {
    }

    public static Plan plan(Catalog catalog, List<AppliedMigration> history, Options options) {
        List<Problem> problems = new ArrayList<>(catalog.problems());
        List<Problem> warnings = new ArrayList<>();
        Map<Version, AppliedMigration> byVersion = new HashMap<>();
        for (AppliedMigration row : history) {
            if (row.version() != null) {
                byVersion.put(row.version(), row);
            }
        }
        List<PlanEntry> entries = new ArrayList<>();
        List<Migration> toApply = new ArrayList<>();
        for (Migration m : catalog.migrations()) {
            AppliedMigration row = byVersion.remove(m.version());
            String where = location(m);
            MigrationState state;
            if (row == null) {
                state = MigrationState.PENDING;
                if (options.target().map(t -> m.version().compareTo(t) <= 0).orElse(true)) {
                    toApply.add(m);
                }
            } else if (!row.success()) {
                state = MigrationState.FAILED;
                problems.add(Problem.of(where, "failed on " + row.appliedAt() + " while running without a transaction, so it may be"
                        + " partly applied: check the database, finish or undo it by hand, then run 'bascule repair'"));
            } else if (row.checksum() != null && !row.checksum().equals(m.checksum())) {
                state = MigrationState.CHANGED;
                Problem changed = Problem.of(where, "changed after it was applied on " + row.appliedAt()
                        + " (checksum " + shortSum(row.checksum()) + " recorded, " + shortSum(m.checksum()) + " now): "
                        + "migrations run once and only once: write a new migration"
                        + (options.dev() ? " (in dev: 'bascule repair' accepts the new checksum, 'bascule reset' re-runs it)" : ""));
                (options.dev() ? warnings : problems).add(changed);
            } else {
                state = MigrationState.APPLIED;
            }
            entries.add(new PlanEntry(m.version(), m.name(), m.kind().label(), state, m.location(), Optional.of(m),
                    Optional.ofNullable(row)));
        }
        for (AppliedMigration row : byVersion.values()) {
            MigrationState state = row.success() ? MigrationState.MISSING : MigrationState.FAILED;
            entries.add(new PlanEntry(row.version(), row.name(), row.kind(), state, "", Optional.empty(), Optional.of(row)));
            problems.add(Problem.of(row.script(), state == MigrationState.FAILED
                    ? "failed on " + row.appliedAt() + " and is no longer in the paths or manifest: run 'bascule repair'"
                    : "was applied on " + row.appliedAt() + " but is no longer in the paths or manifest: restore the file"
                    + " (and its manifest line); applied migrations are never removed"));
        }
        for (Catalog.FoundFile file : catalog.unlisted()) {
            AppliedMigration row = byVersion.get(file.file().version());
            entries.add(new PlanEntry(file.file().version(), file.file().name(), "", MigrationState.UNLISTED,
                    file.location(), Optional.empty(), Optional.ofNullable(row)));
        }
        entries.sort(Comparator.comparing(PlanEntry::version).thenComparing(e -> e.state().ordinal()));
        return new Plan(entries, toApply, problems, warnings);
    }

    private static String location(Migration m) {
        return m.location() + (m.location().endsWith("/") ? "" : "/") + m.fileName();
    }

    private static String shortSum(String sum) {
        return sum.length() > 12 ? sum.substring(0, 12) : sum;
    }
}
