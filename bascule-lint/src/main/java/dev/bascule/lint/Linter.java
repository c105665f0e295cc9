package dev.bascule.lint;

import dev.bascule.catalog.Version;
import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.FunctionAssumption;
import dev.bascule.lint.model.LintConfig;
import dev.bascule.lint.model.LintContext;
import dev.bascule.lint.model.LintResult;
import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.RuleConfig;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.ParsedScript;
import dev.bascule.lint.parse.Routine;
import dev.bascule.lint.parse.SqlStatement;
import dev.bascule.lint.rules.FindingSink;
import dev.bascule.lint.rules.Rule;
import dev.bascule.lint.rules.Rules;
import dev.bascule.sql.IncludeResolver;
import dev.bascule.sql.ScriptFiles;
import dev.bascule.sql.ScriptSyntaxError;
import dev.bascule.sql.Token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    /**
     * Includes of local migration files, followed as the runner follows them ({@code PreparedMigration}): {@code \ir}
     * from the including file's folder, {@code \i} from the working directory.
     */
    public static final IncludeResolver RUNNER_INCLUDES = IncludeResolver.fileSystem(Path.of(""));

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

    /**
     * Reads and lints one file; the name shown in findings is {@code file} as given. The file is decoded as
     * strict UTF-8, as the runner decodes it: a file that is not UTF-8 yields one error finding naming the byte.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public LintResult lint(Path file, LintContext context) {
        String text;
        try {
            text = ScriptFiles.readUtf8(file);
        } catch (ScriptSyntaxError e) {
            return lint(ParsedScript.refused(file.toString(), e), context);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the file; check it exists and is readable", e);
        }
        return lint(file.toString(), text, context, RUNNER_INCLUDES);
    }

    /** Lints text; its {@code \i}/{@code \ir} includes are reported as not analysed, not followed. */
    public LintResult lint(String file, String text, LintContext context) {
        return lint(ParsedScript.parse(file, text), context);
    }

    /** Lints text, following its includes through {@code includes} ({@code null}: not followed). */
    public LintResult lint(String file, String text, LintContext context, IncludeResolver includes) {
        return lint(ParsedScript.parse(file, text, includes), context);
    }

    public LintResult lint(ParsedScript script, LintContext context) {
        String file = script.file();
        MigrationFile migration = new MigrationFile(script, context);
        LintConfig config = context.config();
        List<Finding> findings = new ArrayList<>();
        List<FunctionAssumption> assumptions = new ArrayList<>();
        Suppressions suppressions = Suppressions.of(migration);
        for (Rule rule : rules) {
            RuleConfig rc = config.rule(rule.id());
            if (!applies(rule, rc, config, file)) {
                continue;
            }
            FindingSink sink = new FindingSink(rule, migration);
            rule.check(migration, sink);
            for (Finding f : sink.findings()) {
                if (suppressions.suppresses(f)) {
                    continue;
                }
                Finding adjusted = escalate(rc.severity() != null ? f.withSeverity(rc.severity()) : f, context);
                findings.add(adjusted);
                List<String> assumed = sink.assumedVolatile(f);
                if (assumed != null) {
                    assumptions.add(new FunctionAssumption(adjusted, assumed));
                }
            }
        }
        // The file's own findings first, then those of files it includes; each by position.
        findings.sort(Comparator.comparing((Finding f) -> !f.file().equals(file)).thenComparing(Finding::file)
                .thenComparingInt(Finding::line).thenComparingInt(Finding::column).thenComparing(Finding::ruleId));
        return new LintResult(file, script.statements().size(), findings, assumptions, declaredFunctions(migration));
    }

    /** What the file leaves declared: the last CREATE/ALTER FUNCTION of each name that states a volatility. */
    private static Map<String, Routine.Volatility> declaredFunctions(MigrationFile migration) {
        Map<String, Routine.Volatility> declared = new HashMap<>();
        for (SqlStatement s : migration.script().statements()) {
            Token first = s.first();
            if (first.is("create") || first.is("alter")) {
                Routine.of(s.tokens()).filter(r -> r.name() != null && r.volatility() != null)
                        .ifPresent(r -> declared.put(r.name().key(), r.volatility()));
            }
        }
        return declared;
    }

    private static boolean applies(Rule rule, RuleConfig rc, LintConfig config, String file) {
        boolean enabled = rc.enabled() != null ? rc.enabled() : rule.enabledIn(config.profile());
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
            Path name = path.getFileName();
            Matcher v = VERSION.matcher(name == null ? "" : name.toString());
            return v.find() && v.group(1).length() <= Version.MAX_DIGITS && !v.group(1).matches("0+")
                    && Version.parse(v.group(1)).compareTo(Version.parse(rc.onlyNewerThan())) > 0;
        }
        return true;
    }

    /**
     * The rule ids each statement's {@code -- bascule:ignore} comments name (empty for most statements), and the
     * statements' first lines for finding the statement that owns a finding's line. A statement of a DO body is
     * also covered by the comments above its DO.
     */
    private record Suppressions(Map<String, int[]> lines, Map<String, List<Set<String>>> ignored) {

        static Suppressions of(MigrationFile m) {
            List<SqlStatement> statements = m.statements();
            Map<String, List<Integer>> lineLists = new HashMap<>();
            Map<String, List<Set<String>>> ignored = new HashMap<>();
            List<Set<String>> byIndex = new ArrayList<>(statements.size());
            for (int i = 0; i < statements.size(); i++) {
                SqlStatement s = statements.get(i);
                Set<String> ids = m.host(i) >= 0 ? byIndex.get(m.host(i)) : Set.of();
                for (Token comment : s.leadingComments()) {
                    Matcher matcher = IGNORE.matcher(comment.text().toLowerCase(Locale.ROOT));
                    while (matcher.find()) {
                        ids = new HashSet<>(ids);
                        for (String id : matcher.group(1).split(",")) {
                            ids.add(id.trim());
                        }
                    }
                }
                byIndex.add(ids);
                lineLists.computeIfAbsent(s.file(), f -> new ArrayList<>()).add(s.line());
                ignored.computeIfAbsent(s.file(), f -> new ArrayList<>()).add(ids);
            }
            Map<String, int[]> lines = new HashMap<>();
            lineLists.forEach((f, l) -> lines.put(f, l.stream().mapToInt(Integer::intValue).toArray()));
            return new Suppressions(lines, ignored);
        }

        /**
         * A finding belongs to the last statement of its file starting at or before its line (the first one if
         * none).
         */
        boolean suppresses(Finding f) {
            int[] fileLines = lines.get(f.file());
            if (fileLines == null || fileLines.length == 0) {
                return false;
            }
            int at = java.util.Arrays.binarySearch(fileLines, f.line());
            int owner = at >= 0 ? lastWithLine(fileLines, at) : Math.max(0, -at - 2);
            Set<String> ids = ignored.get(f.file()).get(owner);
            return ids.contains(f.ruleId()) || ids.contains("all");
        }

        private static int lastWithLine(int[] lines, int index) {
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
