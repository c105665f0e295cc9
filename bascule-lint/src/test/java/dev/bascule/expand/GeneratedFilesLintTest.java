package dev.bascule.expand;

import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.LintConfig;
import dev.bascule.lint.model.LintContext;
import dev.bascule.lint.model.LintResult;
import dev.bascule.lint.Linter;
import dev.bascule.lint.model.Severity;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every generated file passes the project's linter without an error: as written (migrations that include a
 * definition with {@code \ir} are not analysed by the linter, which does not follow includes) and with each
 * {@code \ir} replaced by the file it includes, so the definitions are checked in their migration too.
 */
class GeneratedFilesLintTest {

    private static final TableName MOVES = TableName.of("moves");

    private static ColumnFacts everything(String column, String type) {
        return ColumnFacts.plain(MOVES, column, type)
                .withTableColumns(List.of("id", "locator", column), List.of("id"))
                .withNotNull(true).withDefault("'draft'::text").withComment("Where the move is.")
                .withChecks(List.of(new ColumnFacts.Check("moves_" + column + "_check", "CHECK ((" + column + " <> ''::text))", true)))
                .withForeignKeys(List.of(new ColumnFacts.ForeignKey("moves_" + column + "_fkey", List.of(column),
                        "FOREIGN KEY (" + column + ") REFERENCES statuses(code)", true)))
                .withIndexes(List.of(ColumnFacts.Index.plain("moves_" + column + "_idx",
                                "CREATE INDEX moves_" + column + "_idx ON public.moves USING btree (" + column + ")"),
                        new ColumnFacts.Index("moves_locator_" + column + "_key", "CREATE UNIQUE INDEX moves_locator_"
                                + column + "_key ON public.moves USING btree (locator, " + column + ")",
                                Optional.of("moves_locator_" + column + "_key"), false, false, true)));
    }

    private static List<ExpandContractPlan> plans() {
        BigInteger v = new BigInteger("20260201090000");
        return List.of(
                ExpandContract.plan(ExpandContractRequest.of(new ColumnChange.Rename(MOVES, "status", "state"), v),
                        everything("status", "text")),
                ExpandContract.plan(ExpandContractRequest.of(new ColumnChange.ChangeType(MOVES, "status", "citext",
                        Optional.empty(), Optional.empty(), "status_ci"), v), everything("status", "text")),
                ExpandContract.plan(ExpandContractRequest.of(new ColumnChange.ChangeType(MOVES, "kind", "move_kind",
                        Optional.of("lower(kind)::move_kind"), Optional.of("kind_new::text"), "kind_new"), v),
                        ColumnFacts.plain(MOVES, "kind", "text").withDefault("'local'::text")),
                ExpandContract.plan(ExpandContractRequest.of(new ColumnChange.ChangeType(MOVES, "weight", "bigint",
                        Optional.empty(), Optional.empty(), "weight_new"), v), ColumnFacts.plain(MOVES, "weight", "integer")));
    }

    @Test
    void noGeneratedFileHasAnErrorFinding() {
        Linter linter = Linter.standard();
        List<String> errors = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (LintContext context : List.of(LintContext.filesOnly(LintConfig.defaults()),
                LintContext.filesOnly(LintConfig.defaults()).withRunnerLockTimeout(true))) {
            for (ExpandContractPlan plan : plans()) {
                for (GeneratedFile file : plan.files()) {
                    List<LintResult> results = new ArrayList<>();
                    results.add(linter.lint(file.path().toString(), file.content(), context));
                    if (file.content().contains("\n\\ir ")) {
                        results.add(linter.lint(file.path() + " (includes expanded)", PlanFiles.expanded(plan, file),
                                context));
                    }
                    for (LintResult result : results) {
                        for (Finding f : result.findings()) {
                            String line = result.file() + ":" + f.line() + " " + f.severity() + " " + f.ruleId() + ": "
                                    + f.message();
                            (f.severity() == Severity.ERROR ? errors : others).add(line);
                        }
                    }
                }
            }
        }
        others.stream().distinct().forEach(System.out::println);
        assertThat(errors).isEmpty();
    }

    /** The suppressions the files carry are for exactly the statements that need them, and name their reason. */
    @Test
    void theOnlySuppressionsAreTheReviewedOnes() {
        for (ExpandContractPlan plan : plans()) {
            List<String> ignores = plan.files().stream().flatMap(f -> f.content().lines())
                    .filter(l -> l.contains("bascule:ignore")).toList();
            assertThat(ignores).allSatisfy(l -> assertThat(l).matches(
                    "-- bascule:ignore (setting-not-null the validated \\w+ proves there is no NULL: no scan"
                            + "|ban-drop-column phase 3: the code deployed with phase 2 no longer uses \\w+)"));
        }
        Linter linter = Linter.standard();
        ExpandContractPlan rename = plans().get(0);
        for (GeneratedFile file : rename.files()) {
            String unsuppressed = file.content().lines().filter(l -> !l.contains("bascule:ignore"))
                    .reduce("", (a, b) -> a + b + "\n");
            List<String> rules = linter.lint(file.path().toString(), unsuppressed,
                    LintContext.filesOnly(LintConfig.defaults())).findings().stream()
                    .filter(f -> f.severity() == Severity.ERROR).map(Finding::ruleId).toList();
            if (file.fileName().endsWith("_2_set_not_null.up.sql")) {
                assertThat(rules).containsExactly("setting-not-null");
            } else if (file.fileName().endsWith("_3_contract.up.sql")) {
                assertThat(rules).containsExactly("ban-drop-column");
            } else {
                assertThat(rules).isEmpty();
            }
        }
    }
}
