package dev.bascule.inspect;

import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;

import java.util.List;

/**
 * What {@code check-reversible} found, per migration in version order.
 *
 * @param all        every migration was checked, not only the pending ones
 * @param checks     one per migration checked
 * @param notChecked migrations left out because an earlier up failed on the shadow database
 */
public record ReversibilityReport(boolean all, List<MigrationCheck> checks, List<Migration> notChecked) {

    public ReversibilityReport {
        checks = List.copyOf(checks);
        notChecked = List.copyOf(notChecked);
    }

    /** True when a migration failed its check or could not be checked (the CLI exits 3). */
    public boolean failed() {
        return !notChecked.isEmpty() || checks.stream().anyMatch(c -> !c.ok());
    }

    /** The report as the CLI prints it: one line per migration, the diff or error indented below a failure. */
    public String render() {
        StringBuilder out = new StringBuilder();
        if (checks.isEmpty()) {
            return all ? "nothing to check: there are no migrations\n"
                    : "nothing to check: no migration is pending here (check-reversible --all checks every migration)\n";
        }
        for (MigrationCheck check : checks) {
            out.append(check.migration().fileName()).append(": ").append(check.outcome()).append('\n');
            for (MigrationCheck.Failure failure : check.failures()) {
                failure.detail().filter(d -> !d.isBlank()).ifPresent(d -> d.lines()
                        .forEach(line -> out.append("    ").append(line).append('\n')));
            }
            for (Problem warning : check.warnings()) {
                out.append("    warning: ").append(warning).append('\n');
            }
        }
        if (!notChecked.isEmpty()) {
            out.append("not checked, since an earlier up failed: ")
                    .append(String.join(", ", notChecked.stream().map(Migration::fileName).toList())).append('\n');
        }
        long failed = checks.stream().filter(c -> !c.ok()).count();
        out.append(failed == 0 && notChecked.isEmpty()
                ? "all " + checks.size() + " migration(s) checked are reversible (up, down, up again)"
                : failed + " of " + (checks.size() + notChecked.size()) + " migration(s) are not reversible"
                + (notChecked.isEmpty() ? "" : " or were not checked")).append('\n');
        return out.toString();
    }
}
