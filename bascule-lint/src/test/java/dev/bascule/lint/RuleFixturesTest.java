package dev.bascule.lint;

import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.LintResult;
import dev.bascule.lint.model.LintConfig;
import dev.bascule.lint.model.RuleConfig;
import dev.bascule.lint.model.LintContext;
import dev.bascule.lint.observed.ObservedLocks;
import dev.bascule.lint.rules.Rule;
import dev.bascule.lint.rules.Rules;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every rule, {@code lint/<rule-id>/bad*.sql} must yield that rule exactly on the lines marked
 * {@code -- expect}, and {@code ok*.sql} must not yield it at all. A first line {@code -- fixture: k=v ...}
 * sets the context (tables=users:5000000, columns=users.name:varchar(20), require-down, has-down,
 * runner-lock-timeout, runner-statement-timeout, data-migration, observed=LINE:MODE:SCHEMA.TABLE[:rewrite][:scan][:held];...
 * for what trace saw, see {@code ObservedLocks.fixture}). The rule under test is always enabled, opt-in or not.
 */
class RuleFixturesTest {

    static Path fixtures() throws URISyntaxException {
        return Path.of(RuleFixturesTest.class.getResource("/lint").toURI());
    }

    @Test
    void everyRuleHasBadAndOkFixtures() throws Exception {
        for (Rule rule : Rules.all()) {
            Path dir = fixtures().resolve(rule.id());
            assertThat(dir).as("fixture directory of " + rule.id()).isDirectory();
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertThat(names).as(rule.id()).anyMatch(n -> n.startsWith("bad")).anyMatch(n -> n.startsWith("ok"));
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> badFixturesYieldTheRuleOnTheMarkedLines() throws Exception {
        return fixtureFiles("bad").map(f -> DynamicTest.dynamicTest(label(f), () -> {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Set<Integer> expected = markedLines(text);
            assertThat(expected).as(f + " marks at least one line with -- expect").isNotEmpty();
            assertThat(linesFound(f, text)).as("lines where " + ruleOf(f) + " fired in " + f).isEqualTo(expected);
        }));
    }

    @TestFactory
    Stream<DynamicTest> okFixturesDoNotYieldTheRule() throws Exception {
        return fixtureFiles("ok").map(f -> DynamicTest.dynamicTest(label(f), () -> {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertThat(linesFound(f, text)).as("lines where " + ruleOf(f) + " fired in " + f).isEmpty();
        }));
    }

    private static Stream<Path> fixtureFiles(String prefix) throws Exception {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(fixtures())) {
            walk.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".sql"))
                    .sorted().forEach(all::add);
        }
        return all.stream();
    }

    private static String label(Path f) {
        return ruleOf(f) + "/" + f.getFileName();
    }

    private static String ruleOf(Path f) {
        return f.getParent().getFileName().toString();
    }

    static Set<Integer> markedLines(String text) {
        Set<Integer> lines = new TreeSet<>();
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            if (all[i].contains("-- expect")) {
                lines.add(i + 1);
            }
        }
        return lines;
    }

    private static Set<Integer> linesFound(Path f, String text) throws IOException {
        String ruleId = ruleOf(f);
        LintContext context = contextFor(text, ruleId);
        LintResult result = Linter.standard().lint(f.getFileName().toString(), text, context);
        return result.findings().stream().filter(x -> x.ruleId().equals(ruleId)).map(Finding::line)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static LintContext contextFor(String text, String ruleId) {
        LintConfig config = LintConfig.defaults().withRule(ruleId, new RuleConfig(null, true, List.of(), null));
        LintContext context = LintContext.filesOnly(config);
        String first = text.lines().findFirst().orElse("");
        if (!first.startsWith("-- fixture:")) {
            return context;
        }
        Map<String, Long> tables = null;
        Map<String, String> columns = null;
        boolean requireDown = false;
        boolean hasDown = true;
        for (String setting : first.substring("-- fixture:".length()).trim().split("\\s+")) {
            String[] kv = setting.split("=", 2);
            switch (kv[0]) {
                case "tables" -> {
                    tables = new HashMap<>();
                    for (String t : kv[1].split(",")) {
                        String[] nr = t.split(":");
                        tables.put(nr[0], Long.parseLong(nr[1]));
                    }
                }
                case "columns" -> {
                    columns = new HashMap<>();
                    for (String c : kv[1].split(";")) {
                        String[] nt = c.split(":", 2);
                        columns.put(nt[0], nt[1].replace('_', ' '));
                    }
                }
                case "require-down" -> requireDown = true;
                case "no-down" -> hasDown = false;
                case "runner-lock-timeout" -> context = context.withRunnerLockTimeout(true);
                case "runner-statement-timeout" -> context = context.withRunnerStatementTimeout(true);
                case "data-migration" -> context = context.withDataMigration(true);
                case "observed" -> context = context.withObserved(ObservedLocks.fixture(kv[1]));
                default -> throw new IllegalArgumentException("unknown fixture setting " + setting);
            }
        }
        if (tables != null || columns != null) {
            context = context.withDatabase(tables, columns);
        }
        return context.withReversibility(requireDown, hasDown);
    }
}
