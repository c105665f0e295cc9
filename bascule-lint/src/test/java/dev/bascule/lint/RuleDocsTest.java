package dev.bascule.lint;

import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.LintResult;
import dev.bascule.lint.format.ReportFormat;
import dev.bascule.lint.rules.Rule;
import dev.bascule.lint.rules.Rules;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/rules/<id>.md} is generated from the rule itself and its fixtures (the flagged example, the
 * finding the linter really prints for it with its lock and safe SQL, the passing example), so a page cannot
 * drift from the code. Run with {@code -Dbascule.writeDocs=true} to rewrite the pages after changing a rule.
 */
class RuleDocsTest {

    @Test
    void everyRulePageMatchesTheRuleAndItsFixtures() throws Exception {
        Path docs = MilmoveCorpus.repoRoot().resolve("docs/rules");
        boolean write = Boolean.getBoolean("bascule.writeDocs");
        List<String> stale = new ArrayList<>();
        for (Rule rule : Rules.all()) {
            String expected = page(rule);
            Path page = docs.resolve(rule.id() + ".md");
            if (write) {
                Files.createDirectories(docs);
                Files.writeString(page, expected, StandardCharsets.UTF_8);
            } else if (!Files.exists(page) || !Files.readString(page, StandardCharsets.UTF_8).equals(expected)) {
                stale.add(page.toString());
            }
        }
        assertThat(stale).as("rule pages out of date; regenerate with ./mvnw -B -q -o -pl bascule-core test "
                + "-Dtest=RuleDocsTest -Dbascule.writeDocs=true").isEmpty();
    }

    @Test
    void theRulesIndexListsEveryRule() throws Exception {
        String index = Files.readString(MilmoveCorpus.repoRoot().resolve("docs/rules/README.md"));
        for (Rule rule : Rules.all()) {
            assertThat(index).as("docs/rules/README.md row for " + rule.id())
                    .contains("| [" + rule.id() + "](" + rule.id() + ".md) | " + rule.defaultSeverity().label());
        }
    }

    static String page(Rule rule) throws Exception {
        Path dir = RuleFixturesTest.fixtures().resolve(rule.id());
        Path bad = first(dir, "bad");
        Path ok = first(dir, "ok");
        String badSql = Files.readString(bad, StandardCharsets.UTF_8);
        String okSql = Files.readString(ok, StandardCharsets.UTF_8);
        LintResult result = Linter.standard().lint(bad.getFileName().toString(), badSql,
                RuleFixturesTest.contextFor(badSql, rule.id()));
        Finding finding = result.findings().stream().filter(f -> f.ruleId().equals(rule.id())).findFirst()
                .orElseThrow(() -> new AssertionError(bad + " does not trigger " + rule.id()));
        LintResult only = new LintResult(result.file(), result.statements(), List.of(finding));
        String printed = ReportFormat.TEXT.render(List.of(only), List.of(rule));
        printed = printed.substring(0, printed.lastIndexOf("1 file,"));
        StringBuilder b = new StringBuilder();
        b.append("# ").append(rule.id()).append("\n\n").append(rule.summary()).append("\n\n")
                .append("- Default severity: **").append(rule.defaultSeverity().label()).append("**")
                .append(rule.enabledByDefault() ? "" : rule.inStrictProfile()
                        ? " (opt-in: on in the strict profile, otherwise off unless enabled)" : " (opt-in: off unless enabled)").append('\n')
                .append("- Lock taken by the flagged statement: ").append(finding.lock().describe()).append("\n\n")
                .append("## Why\n\n").append(rule.why()).append("\n\n")
                .append("## Flagged\n\n```sql\n").append(strip(badSql)).append("```\n\n")
                .append("`bascule lint` reports (first finding):\n\n```text\n").append(printed).append("```\n\n")
                .append("## Safe alternative\n\n").append(rule.fix()).append("\n\nNot flagged:\n\n```sql\n")
                .append(strip(okSql)).append("```\n\n")
                .append("## Suppressing\n\nFor one statement, on the line before it:\n\n```sql\n-- bascule:ignore ")
                .append(rule.id()).append(" <why this one is safe>\n```\n\n")
                .append("For a whole project or some paths, in `bascule.yml` (see [the rules index](README.md)):\n\n")
                .append("```yaml\nlint:\n  rules:\n    ").append(rule.id()).append(":\n      ")
                .append(rule.enabledByDefault() ? "enabled: false        # or severity: warning, exempt-paths: [...]"
                        : "enabled: true").append("\n```\n");
        return b.toString();
    }

    private static Path first(Path dir, String prefix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().findFirst()
                    .orElseThrow(() -> new AssertionError("no " + prefix + " fixture in " + dir));
        }
    }

    /** Fixture text without the test's markers ({@code -- expect}, {@code -- fixture:} line). */
    private static String strip(String sql) {
        StringBuilder b = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (line.startsWith("-- fixture:")) {
                continue;
            }
            b.append(line.replaceFirst("\\s*-- expect.*$", "")).append('\n');
        }
        return b.toString();
    }
}
