package dev.bascule.lint;

import java.util.List;

/** The findings for one file, sorted by position, and how many statements it held. */
public record LintResult(String file, int statements, List<Finding> findings) {

    public LintResult {
        findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
