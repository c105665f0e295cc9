package dev.bascule.lint;

import dev.bascule.lint.model.Severity;
import dev.bascule.lint.model.LintConfig;
import dev.bascule.lint.model.Profile;
import dev.bascule.lint.model.RuleConfig;
import dev.bascule.lint.rules.Rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link LintConfig} from the {@code lint:} section of {@code bascule.yml} once YAML has been read
 * into maps and lists (shape in {@code docs/rules/README.md}). Every mistake is reported with the file and
 * the key path, e.g. {@code bascule.yml: lint.rules.ban-drop-column.severity: ...}.
 */
public final class LintConfigReader {

    private static final Set<String> TOP_KEYS = Set.of("rules", "comment-exempt-columns", "large-table-rows",
            "profile");
    private static final Set<String> RULE_KEYS = Set.of("enabled", "severity", "exempt-paths", "only-newer-than");

    private LintConfigReader() {
    }

    /**
     * @param lint   the value of the {@code lint} key, or {@code null} when the section is absent
     * @param source the configuration file's name, for messages
     * @throws IllegalArgumentException naming the file, the key and what is accepted
     */
    public static LintConfig read(Map<String, ?> lint, String source) {
        LintConfig defaults = LintConfig.defaults();
        if (lint == null) {
            return defaults;
        }
        unknownKeys(lint, TOP_KEYS, source, "lint");
        List<String> exempt = lint.containsKey("comment-exempt-columns")
                ? strings(lint.get("comment-exempt-columns"), source, "lint.comment-exempt-columns")
                : defaults.commentExemptColumns();
        long rows = defaults.largeTableRows();
        if (lint.containsKey("large-table-rows")) {
            Object value = lint.get("large-table-rows");
            if (!(value instanceof Number n) || n.longValue() < 0) {
                throw error(source, "lint.large-table-rows", "expected a non-negative whole number, got " + value);
            }
            rows = n.longValue();
        }
        Map<String, RuleConfig> rules = new HashMap<>();
        Object rulesValue = lint.get("rules");
        if (rulesValue != null) {
            if (!(rulesValue instanceof Map<?, ?> ruleMap)) {
                throw error(source, "lint.rules", "expected a map of rule id to settings");
            }
            for (Map.Entry<?, ?> e : ruleMap.entrySet()) {
                String id = String.valueOf(e.getKey());
                String path = "lint.rules." + id;
                if (Rules.byId(id).isEmpty()) {
                    throw error(source, path, "no such rule; the ids are listed in docs/rules/README.md");
                }
                rules.put(id, rule(e.getValue(), source, path));
            }
        }
        Profile profile = Profile.DEFAULT;
        if (lint.containsKey("profile")) {
            try {
                profile = Profile.parse(String.valueOf(lint.get("profile")));
            } catch (IllegalArgumentException e) {
                throw error(source, "lint.profile", e.getMessage());
            }
        }
        return new LintConfig(rules, exempt, rows, profile);
    }

    private static RuleConfig rule(Object value, String source, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            throw error(source, path, "expected settings (enabled, severity, exempt-paths, only-newer-than)");
        }
        unknownKeys(map, RULE_KEYS, source, path);
        Boolean enabled = null;
        if (map.containsKey("enabled")) {
            if (!(map.get("enabled") instanceof Boolean b)) {
                throw error(source, path + ".enabled", "expected true or false");
            }
            enabled = b;
        }
        Severity severity = null;
        if (map.containsKey("severity")) {
            String s = String.valueOf(map.get("severity")).toUpperCase(Locale.ROOT);
            try {
                severity = Severity.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw error(source, path + ".severity", "expected error, warning or info, got " + map.get("severity"));
            }
        }
        List<String> exempt = map.containsKey("exempt-paths")
                ? strings(map.get("exempt-paths"), source, path + ".exempt-paths") : List.of();
        String newer = null;
        if (map.containsKey("only-newer-than")) {
            newer = String.valueOf(map.get("only-newer-than"));
            if (!newer.matches("\\d+")) {
                throw error(source, path + ".only-newer-than", "expected a version made of digits (quote it in "
                        + "YAML), got " + newer);
            }
        }
        return new RuleConfig(severity, enabled, exempt, newer);
    }

    private static List<String> strings(Object value, String source, String path) {
        if (!(value instanceof List<?> list)) {
            throw error(source, path, "expected a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private static void unknownKeys(Map<?, ?> map, Set<String> known, String source, String path) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw error(source, path + "." + key, "unknown key; expected one of " + new java.util.TreeSet<>(known));
            }
        }
    }

    private static IllegalArgumentException error(String source, String path, String message) {
        return new IllegalArgumentException(source + ": " + path + ": " + message);
    }
}
