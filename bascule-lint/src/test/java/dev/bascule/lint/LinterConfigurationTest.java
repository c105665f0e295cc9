package dev.bascule.lint;

import dev.bascule.lint.model.Severity;
import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.LockMode;
import dev.bascule.lint.model.LintConfig;
import dev.bascule.lint.model.RuleConfig;
import dev.bascule.lint.model.LintContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Suppression comments, per-rule configuration, and what every finding carries. */
class LinterConfigurationTest {

    private static final String DROP = "ALTER TABLE users DROP COLUMN legacy;\n";

    private static List<Finding> lint(String file, String sql, LintConfig config) {
        return Linter.standard().lint(file, sql, LintContext.filesOnly(config)).findings();
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }

    @Test
    void ignoreCommentOnTheLineBeforeSuppressesTheNamedRulesForThatStatementOnly() {
        String sql = """
                -- bascule:ignore ban-drop-column, require-lock-timeout the column is unused since release 41
                ALTER TABLE users DROP COLUMN legacy;
                ALTER TABLE users DROP COLUMN other;
                """;
        List<Finding> findings = lint("V1__x.sql", sql, LintConfig.defaults());
        assertThat(findings).filteredOn(f -> f.ruleId().equals("ban-drop-column")).extracting(Finding::line)
                .containsExactly(3);
        assertThat(ids(findings)).doesNotContain("require-lock-timeout");
    }

    @Test
    void ignoreCommentTrailingThePreviousStatementDoesNotSuppressTheNextOne() {
        String sql = """
                SELECT 1; -- bascule:ignore ban-drop-column
                ALTER TABLE users DROP COLUMN legacy;
                """;
        assertThat(ids(lint("V1__x.sql", sql, LintConfig.defaults()))).contains("ban-drop-column");
    }

    @Test
    void ruleCanBeSwitchedOffOrGivenAnotherSeverity() {
        LintConfig off = LintConfig.defaults().withRule("ban-drop-column", new RuleConfig(null, false, List.of(), null));
        assertThat(ids(lint("V1__x.sql", DROP, off))).doesNotContain("ban-drop-column");
        LintConfig warn = LintConfig.defaults().withRule("ban-drop-column",
                new RuleConfig(Severity.WARNING, null, List.of(), null));
        assertThat(lint("V1__x.sql", DROP, warn)).filteredOn(f -> f.ruleId().equals("ban-drop-column"))
                .extracting(Finding::severity).containsExactly(Severity.WARNING);
    }

    @Test
    void exemptPathsAreGlobs() {
        LintConfig config = LintConfig.defaults().withRule("ban-drop-column",
                new RuleConfig(null, null, List.of("**/secure/*.sql"), null));
        assertThat(ids(lint("migrations/secure/V1__x.sql", DROP, config))).doesNotContain("ban-drop-column");
        assertThat(ids(lint("migrations/schema/V1__x.sql", DROP, config))).contains("ban-drop-column");
    }

    @Test
    void onlyNewerThanComparesTheLeadingVersionDigitsNumerically() {
        LintConfig config = LintConfig.defaults().withRule("ban-drop-column",
                new RuleConfig(null, null, List.of(), "20240101000000"));
        assertThat(ids(lint("schema/20231231235959_old.up.sql", DROP, config))).doesNotContain("ban-drop-column");
        assertThat(ids(lint("schema/20240101000000_same.up.sql", DROP, config))).doesNotContain("ban-drop-column");
        assertThat(ids(lint("schema/20250606201946_new.up.sql", DROP, config))).contains("ban-drop-column");
        assertThat(ids(lint("schema/no_version.sql", DROP, config))).doesNotContain("ban-drop-column");
        // Versions compare as numbers (the catalog's Version), not as text: 9 < 10, and 010 > 9.
        LintConfig newerThanNine = LintConfig.defaults().withRule("ban-drop-column",
                new RuleConfig(null, null, List.of(), "9"));
        assertThat(ids(lint("schema/10_ten.up.sql", DROP, newerThanNine))).contains("ban-drop-column");
        assertThat(ids(lint("schema/010_ten.up.sql", DROP, newerThanNine))).contains("ban-drop-column");
        assertThat(ids(lint("schema/9_nine.up.sql", DROP, newerThanNine))).doesNotContain("ban-drop-column");
    }

    @Test
    void optInRuleRunsOnlyWhenEnabled() {
        String sql = "CREATE TABLE pets (id uuid PRIMARY KEY);\n";
        assertThat(ids(lint("V1__x.sql", sql, LintConfig.defaults()))).doesNotContain("require-idempotent-ddl");
        LintConfig on = LintConfig.defaults().withRule("require-idempotent-ddl",
                new RuleConfig(null, true, List.of(), null));
        assertThat(ids(lint("V1__x.sql", sql, on))).contains("require-idempotent-ddl");
    }

    @Test
    void commentExemptColumnsAreConfigurable() {
        String sql = """
                CREATE TABLE pets (id uuid PRIMARY KEY, inserted_at timestamptz NOT NULL);
                COMMENT ON TABLE pets IS 'Pets.';
                """;
        assertThat(lint("V1__x.sql", sql, LintConfig.defaults())).filteredOn(f -> f.ruleId().equals("require-comment"))
                .extracting(Finding::message).containsExactly("new column pets.inserted_at has no COMMENT ON COLUMN");
        LintConfig config = new LintConfig(Map.of(), List.of("id", "inserted_at"), LintConfig.DEFAULT_LARGE_TABLE_ROWS);
        assertThat(ids(lint("V1__x.sql", sql, config))).doesNotContain("require-comment");
    }

    @Test
    void everyFindingNamesFileLineColumnLockAndASafeAlternative() {
        String sql = "SELECT 1;\nALTER TABLE users\n    ALTER COLUMN email SET NOT NULL;\n";
        Finding f = lint("db/V3__email.sql", sql, LintConfig.defaults()).stream()
                .filter(x -> x.ruleId().equals("setting-not-null")).findFirst().orElseThrow();
        assertThat(f.location()).isEqualTo("db/V3__email.sql:3:5");
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.lock()).isEqualTo(LockMode.ACCESS_EXCLUSIVE);
        assertThat(f.lock().blocksReads()).isTrue();
        assertThat(f.safeAlternative()).contains(
                "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;",
                "ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;");
        assertThat(f.message()).doesNotContain("\n");
    }

    @Test
    void unterminatedQuoteIsReportedOnceAsNotAnalysedWithItsLine() {
        String sql = "ALTER TABLE users ADD COLUMN a text;\nINSERT INTO users VALUES ('oops);\n";
        List<Finding> findings = lint("V4__broken.sql", sql, LintConfig.defaults());
        assertThat(findings).filteredOn(f -> f.ruleId().equals("not-analysed")).singleElement()
                .satisfies(f -> {
                    assertThat(f.line()).isEqualTo(2);
                    assertThat(f.message()).contains("cannot be split");
                });
    }
}
