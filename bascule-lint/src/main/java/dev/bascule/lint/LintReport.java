package dev.bascule.lint;

import dev.bascule.lint.format.ReportFormat;
import dev.bascule.lint.model.LintResult;
import dev.bascule.lint.rules.Rule;

import java.util.List;

/**
 * The outcome of one lint run: a result per file in order, the rules that ran, and notes for the user that are
 * not findings (secure migrations skipped).
 */
public record LintReport(List<LintResult> results, List<Rule> rules, List<String> notes, ReportFormat format) {

    public LintReport {
        results = List.copyOf(results);
        rules = List.copyOf(rules);
        notes = List.copyOf(notes);
    }

    /** The report in its format, ending with a line break. */
    public String render() {
        return format.render(results, rules);
    }

    /** {@link LintService#EXIT_ERRORS} when a finding is an error, else {@link LintService#EXIT_CLEAN}. */
    public int exitCode() {
        return results.stream().anyMatch(LintResult::hasErrors) ? LintService.EXIT_ERRORS : LintService.EXIT_CLEAN;
    }
}
