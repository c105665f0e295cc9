package dev.bascule.lint.fix;

import dev.bascule.catalog.MigrationFileName;
import dev.bascule.lint.Linter;
import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.LintContext;
import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.ParsedScript;
import dev.bascule.lint.parse.SqlStatement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fixes one migration file: lints it, takes each finding of a rule with a mechanical fix to the statement (and
 * ALTER TABLE sub-command) it points at, lets that rule's {@link StatementFix} rewrite it, and lays out the new
 * migrations the fixes need after the file. Reads nothing but the text given; writes nothing.
 */
final class MigrationFixer {

    private static final String NO_TRANSACTION = "-- bascule:no-transaction\n";

    private final Linter linter;
    private final LintContext context;
    private final Map<String, StatementFix> fixes;

    MigrationFixer(Linter linter, LintContext context) {
        this.linter = linter;
        this.context = context;
        this.fixes = StatementFix.all().stream().collect(Collectors.toMap(StatementFix::ruleId, Function.identity()));
    }

    /** The fixes of {@code file} (shown and linted under {@code name}, text {@code text}). */
    FilePlan fix(Path file, String text, NewVersions versions) {
        String name = file.toString();
        ParsedScript script = ParsedScript.parse(name, text);
        if (script.error() != null) {
            return FilePlan.refused(file, "the file cannot be split into statements (" + script.error().getMessage()
                    + "): fix it first, bascule lint shows where");
        }
        MigrationFile migration = new MigrationFile(script, context);
        List<Finding> findings = linter.lint(script, context).findings().stream()
                .filter(f -> fixes.containsKey(f.ruleId()) && f.file().equals(name)).toList();
        boolean convert = !script.directives().noTransaction() && onlyIndexBuilds(migration, findings);
        boolean outside = script.directives().noTransaction() || convert;

        Map<Finding, StatementFix.Outcome> outcomes = new LinkedHashMap<>();
        List<Edit> edits = new ArrayList<>();
        for (Finding f : findings) {
            StatementFix.Outcome outcome = outcomeOf(f, migration, text, outside);
            if (outcome instanceof StatementFix.Fixed fixed && fixed.edits().stream().anyMatch(e -> overlapsAny(e, edits))) {
                outcome = new StatementFix.NotFixable("another fix already rewrites this statement; fix it by hand");
            }
            if (outcome instanceof StatementFix.Fixed fixed) {
                edits.addAll(fixed.edits());
            }
            outcomes.put(f, outcome);
        }
        Optional<MigrationFileName> fileName = MigrationFileName.parse(file.getFileName().toString()).value()
                .filter(n -> n.direction() == MigrationFileName.Direction.UP);
        if (fileName.isEmpty()) {
            outcomes.replaceAll((f, o) -> o instanceof StatementFix.Fixed fixed && !fixed.followUps().isEmpty()
                    ? new StatementFix.NotFixable("the fix needs a migration after this one, and the file is not named"
                    + " VERSION_NAME.up.sql, so the new one cannot be given a version") : o);
        }
        return assemble(file, text, fileName, outcomes, convert && outcomes.values().stream()
                .anyMatch(o -> o instanceof StatementFix.Fixed), versions);
    }

    private FilePlan assemble(Path file, String text, Optional<MigrationFileName> fileName,
                           Map<Finding, StatementFix.Outcome> outcomes, boolean addNoTransactionHeader,
                           NewVersions versions) {
        Map<FollowUp.Kind, List<FollowUp>> byKind = new EnumMap<>(FollowUp.Kind.class);
        List<Edit> edits = new ArrayList<>();
        List<FilePlan.Applied> applied = new ArrayList<>();
        List<FilePlan.Unfixed> unfixed = new ArrayList<>();
        outcomes.forEach((finding, outcome) -> {
            if (outcome instanceof StatementFix.Fixed fixed) {
                applied.add(new FilePlan.Applied(finding, fixed.description()));
                edits.addAll(fixed.edits());
                fixed.followUps().forEach(u -> byKind.computeIfAbsent(u.kind(), k -> new ArrayList<>()).add(u));
            } else if (outcome instanceof StatementFix.NotFixable no) {
                unfixed.add(new FilePlan.Unfixed(finding, no.reason()));
            }
        });
        Map<FollowUp.Kind, Path> paths = new EnumMap<>(FollowUp.Kind.class);
        List<FilePlan.NewFile> newFiles = new ArrayList<>();
        if (!byKind.isEmpty()) {
            MigrationFileName original = fileName.orElseThrow();
            int digits = original.fileName().indexOf('_');
            var chosen = versions.after(original.version(), byKind.size(), digits);
            int i = 0;
            for (Map.Entry<FollowUp.Kind, List<FollowUp>> e : byKind.entrySet()) {
                String newName = NewVersions.format(chosen.get(i++), digits) + "_" + original.name() + "_"
                        + e.getKey().suffix + ".up.sql";
                Path path = file.resolveSibling(newName);
                paths.put(e.getKey(), path);
                newFiles.add(new FilePlan.NewFile(path, newMigration(e.getKey(), original.fileName(), e.getValue())));
            }
        }
        List<Edit> named = edits.stream().map(e -> e.movedTo() == null ? e
                : Edit.replace(e.start(), e.end(), e.text() + paths.get(e.movedTo()).getFileName())).toList();
        List<Edit> all = new ArrayList<>(named);
        if (addNoTransactionHeader) {
            all.add(Edit.insert(text.startsWith("\uFEFF") ? 1 : 0, NO_TRANSACTION));
        }
        String fixed = Edit.apply(text, all);
        return new FilePlan(file, Optional.empty(), text, fixed, newFiles, applied, unfixed, Optional.empty());
    }

    private static String newMigration(FollowUp.Kind kind, String after, List<FollowUp> statements) {
        StringBuilder b = new StringBuilder(kind.header);
        b.append("-- Written by bascule lint --fix after ").append(after).append(": ").append(kind.purpose).append(".\n");
        statements.stream().sorted(java.util.Comparator.comparingInt(FollowUp::phase))
                .forEach(s -> b.append(s.sql()).append('\n'));
        return b.toString();
    }

    private StatementFix.Outcome outcomeOf(Finding f, MigrationFile m, String text, boolean outside) {
        for (int i = 0; i < m.statements().size(); i++) {
            SqlStatement s = m.statement(i);
            if (!s.file().equals(m.file())) {
                continue;
            }
            AlterAction action = actionAt(s, f);
            if (action == null && !(s.line() == f.line() && s.column() == f.column())) {
                continue;
            }
            if (m.host(i) >= 0) {
                return new StatementFix.NotFixable("the statement is inside a DO block: rewrite the block by hand");
            }
            return fixes.get(f.ruleId()).fix(new FixSite(m, i, s, action, f, text, outside));
        }
        return new StatementFix.NotFixable("the statement was not found where the finding points");
    }

    private static AlterAction actionAt(SqlStatement s, Finding f) {
        if (s.ddl() instanceof Ddl.AlterTable alter) {
            for (AlterAction a : alter.actions()) {
                if (a.at().line() == f.line() && a.at().column() == f.column()) {
                    return a;
                }
            }
        }
        return null;
    }

    /**
     * True when every statement of the file is a CREATE INDEX the linter flags: the file itself becomes the
     * no-transaction migration, rather than an empty file followed by a new one.
     */
    private static boolean onlyIndexBuilds(MigrationFile m, List<Finding> findings) {
        if (m.statements().isEmpty()) {
            return false;
        }
        for (SqlStatement s : m.statements()) {
            boolean flagged = s.ddl() instanceof Ddl.CreateIndex && findings.stream().anyMatch(f -> f.ruleId()
                    .equals("require-concurrent-index-creation") && f.line() == s.line() && f.column() == s.column());
            if (!flagged) {
                return false;
            }
        }
        return true;
    }

    private static boolean overlapsAny(Edit e, List<Edit> edits) {
        for (Edit o : edits) {
            boolean overlap = e.start() < o.end() && o.start() < e.end()
                    || e.start() == e.end() && o.start() < e.start() && e.start() < o.end()
                    || o.start() == o.end() && e.start() < o.start() && o.start() < e.end();
            if (overlap) {
                return true;
            }
        }
        return false;
    }
}
