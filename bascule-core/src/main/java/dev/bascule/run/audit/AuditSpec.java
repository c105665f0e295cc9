package dev.bascule.run.audit;

import dev.bascule.error.Problem;
import dev.bascule.sql.Directive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One {@code -- bascule:audit pre|change|post [count-only]} directive, read.
 *
 * @param countOnly write the number of rows instead of the rows (for large sets)
 */
public record AuditSpec(AuditStep step, boolean countOnly) {

    /** The directive's argument read; empty when it has problems, added to {@code problems} (line of the directive). */
    public static Optional<AuditSpec> parse(Directive directive, List<Problem> problems) {
        List<String> words = new ArrayList<>(Arrays.asList(directive.argument().strip().split("\\s+")));
        AuditStep step = null;
        boolean countOnly = false;
        int before = problems.size();
        for (String word : words) {
            switch (word) {
                case "pre", "change", "post" -> {
                    if (step != null) {
                        problems.add(problem(directive, "names two steps (" + step.word() + " and " + word + "); write"
                                + " one audit directive per statement: pre, change or post"));
                    }
                    step = AuditStep.valueOf(word.toUpperCase(java.util.Locale.ROOT));
                }
                case "count-only" -> {
                    if (countOnly) {
                        problems.add(problem(directive, "count-only is written twice; keep one"));
                    }
                    countOnly = true;
                }
                default -> problems.add(problem(directive, "unknown audit option '" + word + "'; write -- bascule:audit"
                        + " pre|change|post [count-only]"));
            }
        }
        if (step == null && problems.size() == before) {
            problems.add(problem(directive, "says which step it audits first: -- bascule:audit pre|change|post"
                    + " [count-only]"));
        }
        return problems.size() == before ? Optional.of(new AuditSpec(step, countOnly)) : Optional.empty();
    }

    private static Problem problem(Directive directive, String message) {
        return new Problem(directive.sourceName(), directive.line(), "bascule:audit " + message);
    }
}
