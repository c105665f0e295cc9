package dev.bascule.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bascule lint --trace}: the lint report with what the server did, from a shadow copy of the environment. */
@ExtendWith(EmbeddedPostgresExtension.class)
class LintTraceCommandTest {

    @TempDir
    Path tmp;

    private MigrationFolder project(TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("db"));
        m.write("1_moves.up.sql", "CREATE TABLE moves (id bigint PRIMARY KEY, status text NOT NULL);\n"
                + "INSERT INTO moves SELECT g, 'new' FROM generate_series(1, 100) g;\n"
                + "CREATE MATERIALIZED VIEW move_counts AS SELECT status, count(*) AS n FROM moves GROUP BY status;\n"
                + "CREATE FUNCTION widen_moves() RETURNS void LANGUAGE plpgsql AS $$ BEGIN"
                + " ALTER TABLE moves ADD COLUMN token uuid DEFAULT gen_random_uuid(); END $$;\n");
        Files.writeString(tmp.resolve("bascule.yml"), "environments:\n  stg:\n    url: " + db.url()
                + "\n    user: postgres\n    paths: [db]\nlint:\n  rules:\n    require-comment:\n      enabled: false\n");
        CliRun migrate = CliRun.run(tmp, "migrate", "--env", "stg");
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        return m;
    }

    @Test
    void pendingMigrationsAreLintedWithTheLocksTheServerReallyTook(TestDatabase db) throws Exception {
        MigrationFolder m = project(db);
        m.write("2_widen.up.sql", "ALTER TABLE moves ADD COLUMN note text;\nSELECT widen_moves();\n");

        CliRun plain = CliRun.run(tmp, "lint", "--pending", "--env", "stg", "--format", "json");
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.out()).doesNotContain("observed");

        CliRun traced = CliRun.run(tmp, "lint", "--pending", "--trace", "--env", "stg", "--format", "json");
        assertThat(traced.exitCode()).as(traced.toString()).isEqualTo(1);
        JsonNode tree = new ObjectMapper().readTree(traced.out());
        java.util.List<JsonNode> observedLock = new java.util.ArrayList<>();
        tree.get("findings").forEach(f -> {
            if (f.get("ruleId").asText().equals("observed-lock")) {
                observedLock.add(f);
            }
        });
        assertThat(observedLock).singleElement().satisfies(f -> {
            assertThat(f.get("line").asInt()).isEqualTo(2);
            assertThat(f.get("message").asText()).contains("took ACCESS EXCLUSIVE on public.moves_pkey");
            assertThat(f.get("message").asText()).contains("rewrote public.moves");
            assertThat(f.get("observed").get("rewritten").toString()).contains("public.moves");
        });
        // Line 1 is clean: its observed lock is listed, and it is the one predicted.
        assertThat(tree.get("observed").get(0).get("lock").asText()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(tree.get("observed").get(0).get("lockTakenHere").asBoolean()).isTrue();
        assertThat(traced.err()).contains("trace: 2 statement(s) traced on the shadow database");
        // The environment itself is untouched: the migration is still pending.
        assertThat(CliRun.run(tmp, "status", "--env", "stg").out()).contains("1 applied, 1 pending");
    }

    @Test
    void filesAreTracedOnACopyOfTheEnvironmentAsItIs(TestDatabase db) throws Exception {
        project(db);
        Files.createDirectories(tmp.resolve("adhoc"));
        Files.writeString(tmp.resolve("adhoc/refresh.sql"), "REFRESH MATERIALIZED VIEW move_counts;\n");

        CliRun traced = CliRun.run(tmp, "lint", "--trace", "--env", "stg", "adhoc/refresh.sql");
        assertThat(traced.exitCode()).as(traced.toString()).isEqualTo(1);
        assertThat(traced.out()).contains("refresh.sql:1:1: error [observed-lock]",
                "took ACCESS EXCLUSIVE on public.move_counts", "  observed: ACCESS EXCLUSIVE on public.move_counts;"
                        + " rewrote public.move_counts", "observed by trace (1 statement(s)):")
                .doesNotContain("REFRESH MATERIALIZED VIEW move_counts");

        CliRun sarif = CliRun.run(tmp, "lint", "--trace", "--env", "stg", "--format", "sarif", "adhoc/refresh.sql");
        JsonNode run = new ObjectMapper().readTree(sarif.out()).get("runs").get(0);
        assertThat(run.get("results").get(0).get("properties").get("observed").get("lock").asText())
                .isEqualTo("ACCESS EXCLUSIVE");

        assertThat(CliRun.run(tmp, "lint", "adhoc/refresh.sql").out()).doesNotContain("observed");
    }

    @Test
    void traceWithoutADatabaseIsAUsageError() throws Exception {
        Files.writeString(tmp.resolve("1_a.up.sql"), "SELECT 1;\n");
        CliRun run = CliRun.run(tmp, "lint", "--trace", "1_a.up.sql");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("bascule lint:");
    }
}
