package dev.bascule.lint.model;

import java.util.List;

/**
 * Per-rule settings from the {@code lint.rules.<id>} section of {@code bascule.yml}.
 *
 * @param severity      replaces the rule's default severity, or {@code null} to keep it
 * @param enabled       {@code true}/{@code false} to switch the rule on or off, {@code null} for its default
 * @param exemptPaths   glob patterns ({@code java.nio.file.PathMatcher} "glob:" syntax) of files the rule skips
 * @param onlyNewerThan the rule only applies to files whose version (leading digits of the file name) is
 *                      greater than this one, or {@code null}
 */
public record RuleConfig(Severity severity, Boolean enabled, List<String> exemptPaths, String onlyNewerThan) {

    public static final RuleConfig DEFAULT = new RuleConfig(null, null, List.of(), null);

    public RuleConfig {
        exemptPaths = exemptPaths == null ? List.of() : List.copyOf(exemptPaths);
    }
}
