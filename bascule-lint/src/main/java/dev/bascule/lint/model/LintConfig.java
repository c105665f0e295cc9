package dev.bascule.lint.model;

import java.util.List;
import java.util.Map;

/**
 * Linter configuration, mapped from the {@code lint:} section of {@code bascule.yml} (shape in
 * {@code docs/rules/README.md}).
 *
 * @param rules                 per-rule settings by rule id
 * @param commentExemptColumns  columns {@code require-comment} does not ask a COMMENT for
 * @param largeTableRows        tables with more estimated rows than this turn warnings into errors
 * @param profile               which rules are on unless configured otherwise
 */
public record LintConfig(Map<String, RuleConfig> rules, List<String> commentExemptColumns, long largeTableRows,
                         Profile profile) {

    public static final List<String> MILMOVE_EXEMPT_COLUMNS = List.of("id", "created_at", "updated_at");
    public static final long DEFAULT_LARGE_TABLE_ROWS = 1_000_000L;

    public LintConfig {
        rules = Map.copyOf(rules);
        commentExemptColumns = List.copyOf(commentExemptColumns);
        profile = profile == null ? Profile.DEFAULT : profile;
    }

    public LintConfig(Map<String, RuleConfig> rules, List<String> commentExemptColumns, long largeTableRows) {
        this(rules, commentExemptColumns, largeTableRows, Profile.DEFAULT);
    }

    public static LintConfig defaults() {
        return new LintConfig(Map.of(), MILMOVE_EXEMPT_COLUMNS, DEFAULT_LARGE_TABLE_ROWS);
    }

    public RuleConfig rule(String id) {
        return rules.getOrDefault(id, RuleConfig.DEFAULT);
    }

    public LintConfig withRule(String id, RuleConfig config) {
        Map<String, RuleConfig> copy = new java.util.HashMap<>(rules);
        copy.put(id, config);
        return new LintConfig(copy, commentExemptColumns, largeTableRows, profile);
    }

    public LintConfig withProfile(Profile newProfile) {
        return new LintConfig(rules, commentExemptColumns, largeTableRows, newProfile);
    }
}
