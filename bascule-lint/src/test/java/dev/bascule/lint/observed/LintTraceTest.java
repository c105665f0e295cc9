package dev.bascule.lint.observed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.bascule.Bascule;
import dev.bascule.catalog.Migration;
import dev.bascule.lint.LintOptions;
import dev.bascule.lint.LintReport;
import dev.bascule.lint.LintService;
import dev.bascule.lint.PendingMigrations;
import dev.bascule.lint.format.ReportFormat;
import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.LockMode;
import dev.bascule.lint.model.Severity;
import dev.bascule.run.MigrationListener;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import dev.bascule.trace.TraceReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lint --trace} through {@link LintService} on a real PostgreSQL: the pending migrations are traced on a shadow
 * copy and what the server did is merged into the lint report.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class LintTraceTest {

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    private Bascule bascule(TestDatabase db, MigrationFolder... folders) {
        dev.bascule.Settings.Builder b = Bascule.configure().database(db.admin()).baseDir(tmp).listener(new MigrationListener() {
        });
        List<String> paths = new ArrayList<>();
        for (MigrationFolder f : folders) {
            paths.add(f.path());
        }
        b.locations(paths.toArray(String[]::new));
        if (folders.length > 1) {
            b.secureLocations(folders[1].path());
        }
        return b.load();
    }

    /** moves (1,000 rows) and a materialized view over it, applied. */
    private MigrationFolder appliedMoves(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("db"));
        m.write("1_moves.up.sql", "CREATE TABLE moves (id bigint PRIMARY KEY, status text NOT NULL);\n"
                + "INSERT INTO moves SELECT g, 'new' FROM generate_series(1, 1000) g;\n"
                + "CREATE MATERIALIZED VIEW move_counts AS SELECT status, count(*) AS n FROM moves GROUP BY status;\n");
        try (Bascule b = bascule(db, m)) {
            b.migrate();
        }
        return m;
    }

    private static LintReport lint(Bascule b, String format, boolean traced) {
        LintService service = new LintService(LintOptions.builder().format(format).build());
        return traced ? service.lintPending(pending(b), b.trace()) : service.lintPending(pending(b));
    }

    private static List<Finding> findings(LintReport report) {
        return report.results().stream().flatMap(r -> r.findings().stream()).toList();
    }

    @Test
    void aStatementTakingAStrongerLockThanPredictedGetsAnObservedLockFindingAndTheServersFacts(TestDatabase db)
            throws Exception {
        MigrationFolder m = appliedMoves(db);
        m.write("2_widen.up.sql", String.join("\n",
                "CREATE FUNCTION widen_moves() RETURNS void LANGUAGE plpgsql AS $$ BEGIN"
                        + " ALTER TABLE moves ADD COLUMN token uuid DEFAULT gen_random_uuid(); END $$;", // 1
                "SELECT widen_moves();",                                                             // 2: hidden AE + rewrite
                "REFRESH MATERIALIZED VIEW move_counts;",                                            // 3: AE + rewrite
                "ALTER TABLE moves ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp();",       // 4: rewrite, flagged
                ""));
        try (Bascule b = bascule(db, m)) {
            LintReport plain = lint(b, "json", false);
            assertThat(findings(plain)).noneMatch(f -> f.ruleId().equals("observed-lock"));
            assertThat(plain.render()).doesNotContain("\"observed\"");

            LintReport report = lint(b, "json", true);
            List<Finding> observed = findings(report).stream().filter(f -> f.ruleId().equals("observed-lock")).toList();
            assertThat(observed).extracting(Finding::line).containsExactly(2, 3);
            assertThat(observed.get(0).message()).contains("took ACCESS EXCLUSIVE on public.moves",
                    "the linter predicted no table lock", "rewrote public.moves");
            assertThat(observed.get(0).severity()).isEqualTo(Severity.ERROR);
            assertThat(observed.get(0).lock()).isEqualTo(LockMode.ACCESS_EXCLUSIVE);
            assertThat(observed.get(1).message()).contains("took ACCESS EXCLUSIVE on public.move_counts",
                    "rewrote public.move_counts");
            // Line 4's rewrite is what adding-volatile-default is about: no second finding, but the facts.
            assertThat(findings(report)).filteredOn(f -> f.line() == 4).extracting(Finding::ruleId)
                    .contains("adding-volatile-default").doesNotContain("observed-lock");
            assertThat(report.exitCode()).isEqualTo(LintService.EXIT_ERRORS);

            JsonNode tree = json.readTree(report.render());
            JsonNode volatileDefault = finding(tree.get("findings"), "adding-volatile-default", 4);
            assertThat(volatileDefault.get("observed").get("lock").asText()).isEqualTo("ACCESS EXCLUSIVE");
            assertThat(volatileDefault.get("observed").get("rewritten").toString()).contains("public.moves");
            assertThat(finding(tree.get("findings"), "observed-lock", 2).get("observed").get("lockTakenHere").asBoolean())
                    .isTrue();
            assertThat(tree.get("observed")).hasSize(4);

            JsonNode sarif = json.readTree(report.in(ReportFormat.SARIF).render());
            assertThat(schemaViolations(sarif)).isEmpty();
            JsonNode run = sarif.get("runs").get(0);
            JsonNode result = null;
            for (JsonNode r : run.get("results")) {
                if (r.get("ruleId").asText().equals("observed-lock")) {
                    result = result == null ? r : result;
                }
            }
            assertThat(result).isNotNull();
            assertThat(result.get("properties").get("observed").get("lock").asText()).isEqualTo("ACCESS EXCLUSIVE");
            assertThat(run.get("properties").get("observedStatements")).hasSize(4);

            String text = report.in(ReportFormat.TEXT).render();
            assertThat(text).contains("[observed-lock]", "  observed: ACCESS EXCLUSIVE on public.moves, public.moves_pkey; rewrote public.moves, public.moves_pkey",
                    "observed by trace (4 statement(s)):");
        }
    }

    @Test
    void aCleanMigrationGetsItsObservedLocksAndNoNewFinding(TestDatabase db) throws Exception {
        MigrationFolder m = appliedMoves(db);
        m.write("2_note.up.sql", "-- bascule:ignore require-comment notes are free text\nALTER TABLE moves ADD COLUMN note text;\n");
        try (Bascule b = bascule(db, m)) {
            LintReport report = lint(b, "json", true);
            assertThat(findings(report)).isEmpty();
            assertThat(report.exitCode()).isZero();
            JsonNode tree = json.readTree(report.render());
            assertThat(tree.get("observed")).singleElement().satisfies(s -> {
                assertThat(s.get("file").asText()).endsWith("2_note.up.sql");
                assertThat(s.get("line").asInt()).isEqualTo(2);
                assertThat(s.get("lock").asText()).isEqualTo("ACCESS EXCLUSIVE");
                assertThat(s.get("lockTakenHere").asBoolean()).isTrue();
                assertThat(s.get("rewritten")).isEmpty();
                assertThat(s.get("locks").get(0).get("relation").asText()).isEqualTo("public.moves");
            });
            JsonNode sarif = json.readTree(report.in(ReportFormat.SARIF).render());
            assertThat(schemaViolations(sarif)).isEmpty();
            assertThat(sarif.get("runs").get(0).get("properties").get("observedStatements").get(0).get("lock").asText())
                    .isEqualTo("ACCESS EXCLUSIVE");
            assertThat(report.in(ReportFormat.TEXT).render()).contains("2_note.up.sql:2:1  ACCESS EXCLUSIVE on public.moves");
        }
    }

    @Test
    void aSecureMigrationIsTracedByPositionOnlyNeverItsText(TestDatabase db) throws Exception {
        MigrationFolder m = appliedMoves(db);
        MigrationFolder secure = new MigrationFolder(tmp.resolve("secure"));
        secure.write("2_secret.up.sql", "UPDATE moves SET status = 'hunter2' WHERE id = 1;\n"
                + "ALTER TABLE moves ADD CONSTRAINT topsecret_check CHECK (status <> 'swordfish');\n");
        try (Bascule b = bascule(db, m, secure)) {
            for (ReportFormat format : ReportFormat.values()) {
                LintReport report = lint(b, format.label(), true);
                String out = report.render() + String.join("\n", report.notes());
                assertThat(out).as(format.label()).doesNotContain("hunter2", "swordfish", "topsecret", "UPDATE moves");
                if (format == ReportFormat.JSON) {
                    JsonNode observed = json.readTree(out.substring(0, out.lastIndexOf('}') + 1)).get("observed");
                    assertThat(observed).hasSize(2);
                    assertThat(observed.get(1).get("secure").asBoolean()).isTrue();
                    assertThat(observed.get(1).get("line").asInt()).isEqualTo(2);
                    assertThat(observed.get(1).get("lock").asText()).isEqualTo("ACCESS EXCLUSIVE");
                }
            }
            assertThat(lint(b, "text", true).notes()).anyMatch(n -> n.contains("secure migration(s) not linted"));
        }
    }

    private static JsonNode finding(JsonNode findings, String rule, int line) {
        for (JsonNode f : findings) {
            if (f.get("ruleId").asText().equals(rule) && f.get("line").asInt() == line) {
                return f;
            }
        }
        throw new AssertionError("no " + rule + " finding at line " + line + " in " + findings);
    }

    private java.util.Set<com.networknt.schema.ValidationMessage> schemaViolations(JsonNode sarif) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/lint/schemas/sarif-2.1.0-rtm.5.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
            return schema.validate(sarif);
        }
    }

    /** The facade's pending migrations as the linter asks for them (what the CLI adapts). */
    private static PendingMigrations pending(Bascule b) {
        return new PendingMigrations() {
            public List<Migration> pending() {
                return b.status().toApply();
            }

            public Connection connect() {
                return b.connect();
            }

            public Duration runnerLockTimeout() {
                return b.settings().lockTimeout();
            }

            public String describe() {
                return b.database().describe();
            }
        };
    }
}
