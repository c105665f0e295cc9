package dev.bascule.lint;

import dev.bascule.lint.model.Severity;
import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.LintConfig;
import dev.bascule.lint.model.LintContext;
import dev.bascule.lint.parse.Routine.Volatility;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads tables, row estimates and column types from a real PostgreSQL 17 and lints against them. */
class DatabaseSnapshotTest {

    private static EmbeddedPostgres postgres;
    private static DatabaseSnapshot snapshot;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE users (id uuid PRIMARY KEY, name varchar(50), age integer, bio text)");
            st.execute("INSERT INTO users SELECT gen_random_uuid(), 'n' || g, g, NULL FROM generate_series(1, 2500) g");
            st.execute("CREATE TABLE tags (id bigint PRIMARY KEY)");
            st.execute("CREATE SCHEMA billing");
            st.execute("CREATE TABLE billing.invoices (id bigint PRIMARY KEY, total numeric(10,2))");
            st.execute("INSERT INTO billing.invoices SELECT g, g FROM generate_series(1, 40) g");
            st.execute("CREATE FUNCTION default_code() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'A' $$");
            st.execute("CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$");
            st.execute("CREATE FUNCTION billing.rate() RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT 1.5 $$");
            st.execute("CREATE VIEW active_users AS SELECT * FROM users WHERE age > 18");
            st.execute("ANALYZE");
            snapshot = DatabaseSnapshot.read(c, Duration.ofSeconds(10));
        }
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void readsTablesWithRowEstimatesAndColumnTypes() {
        assertThat(snapshot.tables()).containsEntry("users", 2500L).containsEntry("billing.invoices", 40L)
                .containsKey("tags").doesNotContainKey("pg_class").doesNotContainKey("pg_catalog.pg_class");
        assertThat(snapshot.columnTypes()).containsEntry("users.name", "character varying(50)")
                .containsEntry("users.age", "integer").containsEntry("billing.invoices.total", "numeric(10,2)");
    }

    @Test
    void tablesMissingFromTheDatabaseAreNewAndLargeTablesRaiseWarningsToErrors() {
        LintConfig config = new LintConfig(java.util.Map.of(), LintConfig.MILMOVE_EXEMPT_COLUMNS, 1000);
        LintContext context = snapshot.applyTo(LintContext.filesOnly(config));
        String sql = """
                CREATE INDEX pets_name_idx ON pets (name);
                CREATE INDEX users_name_idx ON users (name);
                UPDATE users SET bio = '';
                UPDATE billing.invoices SET total = 0;
                """;
        List<Finding> findings = Linter.standard().lint("V9__x.sql", sql, context).findings();
        assertThat(findings).filteredOn(f -> f.ruleId().equals("require-concurrent-index-creation"))
                .extracting(Finding::line).containsExactly(2);
        assertThat(findings).filteredOn(f -> f.ruleId().equals("unbatched-data-change"))
                .extracting(Finding::line, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, Severity.ERROR),
                        org.assertj.core.groups.Tuple.tuple(4, Severity.WARNING));
    }

    @Test
    void safeAlternativesUseTheColumnTypeTheDatabaseReports() {
        LintContext context = snapshot.applyTo(LintContext.filesOnly(LintConfig.defaults()));
        Finding rename = Linter.standard().lint("V11__x.sql", "ALTER TABLE users RENAME COLUMN name TO full_name;\n",
                context).findings().stream().filter(f -> f.ruleId().equals("renaming-column")).findFirst().orElseThrow();
        assertThat(rename.safeAlternative()).startsWith("ALTER TABLE users ADD COLUMN full_name varchar(50);");
    }

    @Test
    void columnTypesFromTheDatabaseDecideWhetherATypeChangeRewrites() {
        LintContext context = snapshot.applyTo(LintContext.filesOnly(LintConfig.defaults()));
        String sql = """
                ALTER TABLE users ALTER COLUMN name TYPE varchar(80);
                ALTER TABLE users ALTER COLUMN name TYPE varchar(20);
                ALTER TABLE users ALTER COLUMN age TYPE bigint;
                ALTER TABLE users ALTER COLUMN bio TYPE varchar;
                ALTER TABLE billing.invoices ALTER COLUMN total TYPE numeric(12,2);
                """;
        List<Finding> findings = Linter.standard().lint("V10__x.sql", sql, context).findings();
        assertThat(findings).filteredOn(f -> f.ruleId().equals("changing-column-type"))
                .extracting(Finding::line).containsExactly(2, 3);
    }

    @Test
    void functionVolatilityComesFromPgProcAndTheServerVersionFromTheServer() {
        assertThat(snapshot.functions()).containsEntry("default_code", Volatility.IMMUTABLE)
                .containsEntry("next_code", Volatility.VOLATILE).containsEntry("billing.rate", Volatility.STABLE)
                .containsEntry("now", Volatility.STABLE).containsEntry("random", Volatility.VOLATILE);
        assertThat(snapshot.serverVersionNum()).isGreaterThanOrEqualTo(170000);
        assertThat(snapshot.tables()).containsKey("active_users");
        LintContext context = snapshot.applyTo(LintContext.filesOnly(LintConfig.defaults()));
        String sql = """
                ALTER TABLE users ADD COLUMN code text DEFAULT default_code();
                ALTER TABLE users ADD COLUMN code2 text DEFAULT next_code();
                ALTER TABLE users ADD COLUMN rate numeric DEFAULT billing.rate();
                ALTER TABLE users ADD COLUMN other text DEFAULT not_in_the_database();
                DROP VIEW active_users;
                """;
        List<Finding> findings = Linter.standard().lint("V12__x.sql", sql, context).findings();
        assertThat(findings).filteredOn(f -> f.ruleId().equals("adding-volatile-default"))
                .extracting(Finding::line).containsExactly(2, 4);
        assertThat(findings).filteredOn(f -> f.ruleId().equals("require-lock-timeout"))
                .extracting(Finding::line).containsExactly(1);
    }
}
