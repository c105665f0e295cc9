package dev.bascule.lint.model;

import dev.bascule.lint.parse.Routine.Volatility;

import java.util.List;
import java.util.Map;

/**
 * The findings for one file, sorted by position, and how many statements it held.
 *
 * @param assumptions       findings that depend on functions of unknown volatility (see {@link FunctionAssumption})
 * @param declaredFunctions functions the file creates or alters, with the volatility it leaves them with, for the
 *                          files linted after it
 */
public record LintResult(String file, int statements, List<Finding> findings, List<FunctionAssumption> assumptions,
                         Map<String, Volatility> declaredFunctions) {

    public LintResult {
        findings = List.copyOf(findings);
        assumptions = List.copyOf(assumptions);
        declaredFunctions = Map.copyOf(declaredFunctions);
    }

    public LintResult(String file, int statements, List<Finding> findings) {
        this(file, statements, findings, List.of(), Map.of());
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    /** This result without the findings of {@code withdrawn} (compared by identity). */
    public LintResult without(List<Finding> withdrawn) {
        if (withdrawn.isEmpty()) {
            return this;
        }
        List<Finding> kept = findings.stream().filter(f -> withdrawn.stream().noneMatch(w -> w == f)).toList();
        List<FunctionAssumption> left = assumptions.stream()
                .filter(a -> withdrawn.stream().noneMatch(w -> w == a.finding())).toList();
        return new LintResult(file, statements, kept, left, declaredFunctions);
    }
}
