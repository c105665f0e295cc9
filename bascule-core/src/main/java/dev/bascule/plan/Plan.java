package dev.bascule.plan;

import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;

import java.util.List;

/**
 * Catalog + history, compared: every entry with its state, the migrations to run now (in version order, up to
 * the target), the problems that forbid running, and warnings that do not.
 */
public record Plan(List<PlanEntry> entries, List<Migration> toApply, List<Problem> problems, List<Problem> warnings) {

    public Plan {
        entries = List.copyOf(entries);
        toApply = List.copyOf(toApply);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /**
     * True when something needs a person: a problem, or a migration that changed, failed or went missing. Pending
     * and unlisted files are normal states; {@code status --exit-code} exits 3 on this.
     */
    public boolean needsAttention() {
        return !problems.isEmpty() || entries.stream().anyMatch(e -> e.state() == MigrationState.CHANGED
                || e.state() == MigrationState.FAILED || e.state() == MigrationState.MISSING);
    }
}
