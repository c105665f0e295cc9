package dev.bascule.lint;

import dev.bascule.lint.parse.ScriptSplitter;
import dev.bascule.lint.parse.SqlStatement;
import dev.bascule.lint.rules.FindingSink;
import dev.bascule.lint.rules.Rule;
import dev.bascule.lint.rules.Rules;
import dev.bascule.sql.Token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the rules over migration files and applies configuration: rules switched off, exempt paths, files not
 * newer than a rule's start version, severity overrides, {@code -- bascule:ignore} comments, and escalation of
 * warnings to errors on tables larger than {@link LintConfig#largeTableRows()}.
 */
public final class Linter {

    private static final Pattern IGNORE = Pattern.compile("bascule:ignore\\s+([a-z0-9-]+(?:\\s*,\\s*[a-z0-9-]+)*)");
    private static final Pattern VERSION = Pattern.compile("^(\\d+)");

    private final List<Rule> rules;

    public Linter(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Linter standard() {
        return new Linter(Rules.all());
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Reads and lints one file; the name shown in findings is {@code file} as given. */
    public LintResult lint(Path file, LintContext context) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return lint(file.toString(), text, context);
        } catch (java.nio.charset.MalformedInputException e) {
            try {
                return lint(file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1), context);
            } catch (IOException again) {
                throw new UncheckedIOException(file + ": cannot read the file; check it exists and is readable", again);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the file; check it exists and is readable", e);
        }
    }

    public LintResult lint(String file, String text, LintContext context) {
        List<SqlStatement> statements = ScriptSplitter.split(file, text);
        MigrationFile migration = new MigrationFile(file, statements, context);
        LintConfig config = context.config();
        List<Finding> findings = new ArrayList<>();
        Suppressions suppressions = Suppressions.of(statements);
        for (Rule rule : rules) {
            RuleConfig rc = config.rule(rule.id());
            if (!applies(rule, rc, file)) {
                continue;
            }
            FindingSink sink = new FindingSink(rule, migration);
            rule.check(migration, sink);
            for (Finding f : sink.findings()) {
                if (suppressions.suppresses(f)) {
                    continue;
                }
                Finding adjusted = rc.severity() != null ? f.withSeverity(rc.severity()) : f;
                findings.add(escalate(adjusted, context));
            }
        }
        findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column)
                .thenComparing(Finding::ruleId));
        return new LintResult(file, statements.size(), findings);
    }

    private static boolean applies(Rule rule, RuleConfig rc, String file) {
        boolean enabled = rc.enabled() != null ? rc.enabled() : rule.enabledByDefault();
        if (!enabled) {
            return false;
        }
        Path path = Path.of(file);
        for (String glob : rc.exemptPaths()) {
            if (FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(path)) {
                return false;
            }
        }
        if (rc.onlyNewerThan() != null) {
            Matcher v = VERSION.matcher(path.getFileName().toString());
            return v.find() && compareVersions(v.group(1), rc.onlyNewerThan()) > 0;
        }
        return true;
    }

    /** Numeric comparison of digit strings of any length (timestamps overflow nothing this way). */
    static int compareVersions(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    /**
     * The rule ids each statement's {@code -- bascule:ignore} comments name (empty for most statements), and the
     * statements' first lines for finding the statement that owns a finding's line.
     */
    private record Suppressions(int[] lines, List<Set<String>> ignored) {

        static Suppressions of(List<SqlStatement> statements) {
            int[] lines = new int[statements.size()];
            List<Set<String>> ignored = new ArrayList<>(statements.size());
            for (int i = 0; i < statements.size(); i++) {
                lines[i] = statements.get(i).line();
                Set<String> ids = Set.of();
                for (Token comment : statements.get(i).leadingComments()) {
                    Matcher m = IGNORE.matcher(comment.text().toLowerCase(Locale.ROOT));
                    while (m.find()) {
                        ids = ids.isEmpty() ? new HashSet<>() : ids;
                        for (String id : m.group(1).split(",")) {
                            ids.add(id.trim());
                        }
                    }
                }
                ignored.add(ids);
            }
            return new Suppressions(lines, ignored);
        }

        /** A finding belongs to the last statement starting at or before its line (the first one if none). */
        boolean suppresses(Finding f) {
            if (lines.length == 0) {
                return false;
            }
            int at = java.util.Arrays.binarySearch(lines, f.line());
            int owner = at >= 0 ? lastWithLine(at) : Math.max(0, -at - 2);
            Set<String> ids = ignored.get(owner);
            return ids.contains(f.ruleId()) || ids.contains("all");
        }

        private int lastWithLine(int index) {
            int i = index;
            while (i + 1 < lines.length && lines[i + 1] == lines[index]) {
                i++;
            }
            return i;
        }
    }

    private static Finding escalate(Finding f, LintContext context) {
        if (f.severity() != Severity.WARNING || f.table() == null || context.existingTables() == null) {
            return f;
        }
        Long rows = context.existingTables().get(f.table());
        if (rows != null && rows > context.config().largeTableRows()) {
            return new Finding(f.ruleId(), Severity.ERROR, f.file(), f.line(), f.column(),
                    f.message() + " (table has about " + rows + " rows)", f.lock(), f.safeAlternative(), f.table());
        }
        return f;
    }
}
