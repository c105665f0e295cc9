package dev.bascule.lint;

import dev.bascule.lint.format.ReportFormat;
import dev.bascule.lint.model.LintResult;
import dev.bascule.lint.observed.ObservedLocks;
import dev.bascule.lint.observed.ObservedRendering;
import dev.bascule.lint.rules.Rule;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of one lint run: a result per file in order, the rules that ran, and notes for the user that are
 * not findings (secure migrations skipped), and with {@code lint --trace} what the server did per statement
 * ({@code observed}, else {@code null}).
 */
public record LintReport(List<LintResult> results, List<Rule> rules, List<String> notes, ReportFormat format,
                         ObservedLocks observed) {

    public LintReport(List<LintResult> results, List<Rule> rules, List<String> notes, ReportFormat format) {
        this(results, rules, notes, format, null);
    }

    public LintReport {
        results = List.copyOf(results);
        rules = List.copyOf(rules);
        notes = List.copyOf(notes);
    }

    /**
     * The same report with files under {@code base} named relative to it, as code scanning expects of a SARIF
     * file's locations; files elsewhere keep their names.
     */
    public LintReport relativeTo(Path base) {
        List<LintResult> shown = results.stream().map(r -> {
            String name = shownName(base, r.file());
            return new LintResult(name, r.statements(), r.findings().stream().map(f -> f.inFile(name)).toList());
        }).toList();
        return new LintReport(shown, rules, notes, format,
                observed == null ? null : observed.renamed(file -> shownName(base, file)));
    }

    private static String shownName(Path base, String file) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        Path dir = base.toAbsolutePath().normalize();
        return path.startsWith(dir) ? dir.relativize(path).toString() : file;
    }

    /** The same report rendered in another format. */
    public LintReport in(ReportFormat other) {
        return new LintReport(results, rules, notes, other, observed);
    }

    /** The report in its format, ending with a line break. */
    public String render() {
        return observed == null ? format.render(results, rules)
                : ObservedRendering.render(format, results, rules, observed);
    }

    /**
     * {@link LintService#EXIT_ERRORS} when a finding is an error (or, traced, a statement failed on the shadow
     * database), else {@link LintService#EXIT_CLEAN}.
     */
    public int exitCode() {
        boolean traceFailed = observed != null && observed.failed();
        return traceFailed || results.stream().anyMatch(LintResult::hasErrors) ? LintService.EXIT_ERRORS
                : LintService.EXIT_CLEAN;
    }
}
