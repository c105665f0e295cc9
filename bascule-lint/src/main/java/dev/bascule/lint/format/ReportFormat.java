package dev.bascule.lint.format;

import dev.bascule.lint.model.LintResult;
import dev.bascule.lint.rules.Rule;

import java.util.List;
import java.util.Locale;

/** The output formats of {@code bascule lint --format}. */
public enum ReportFormat {
    TEXT, JSON, SARIF, GITHUB;

    /** Parses a {@code --format} value; the message names the accepted values. */
    public static ReportFormat parse(String value) {
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + value + "': use text, json, sarif or github");
    }

    public String render(List<LintResult> results, List<Rule> rules) {
        return switch (this) {
            case TEXT -> TextReport.render(results);
            case JSON -> JsonReport.render(results);
            case SARIF -> SarifReport.render(results, rules);
            case GITHUB -> GithubReport.render(results);
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
