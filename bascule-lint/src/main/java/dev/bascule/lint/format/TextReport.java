package dev.bascule.lint.format;

import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.LintResult;
import dev.bascule.lint.model.LockMode;
import dev.bascule.lint.model.Severity;

import java.util.List;

/** Human-readable findings: location, severity, rule, message, lock, and the safe SQL indented below. */
final class TextReport {

    private TextReport() {
    }

    static String render(List<LintResult> results) {
        StringBuilder b = new StringBuilder();
        int errors = 0;
        int warnings = 0;
        int files = 0;
        for (LintResult result : results) {
            files++;
            for (Finding f : result.findings()) {
                errors += f.severity() == Severity.ERROR ? 1 : 0;
                warnings += f.severity() == Severity.WARNING ? 1 : 0;
                b.append(f.location()).append(": ").append(f.severity().label()).append(" [").append(f.ruleId())
                        .append("] ").append(f.message()).append('\n');
                if (f.lock() != LockMode.NONE) {
                    b.append("  lock: ").append(f.lock().describe()).append('\n');
                }
                if (!f.safeAlternative().isEmpty()) {
                    b.append("  instead:\n");
                    for (String line : f.safeAlternative().split("\n")) {
                        b.append("    ").append(line).append('\n');
                    }
                }
            }
        }
        b.append(files).append(files == 1 ? " file, " : " files, ").append(errors)
                .append(errors == 1 ? " error, " : " errors, ").append(warnings)
                .append(warnings == 1 ? " warning" : " warnings").append('\n');
        return b.toString();
    }
}
