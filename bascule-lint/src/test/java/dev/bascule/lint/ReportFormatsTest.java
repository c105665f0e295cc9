package dev.bascule.lint;

import dev.bascule.lint.model.LintResult;
import dev.bascule.lint.model.LintConfig;
import dev.bascule.lint.model.LintContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.bascule.lint.format.ReportFormat;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The four output formats, SARIF validated against the official SARIF 2.1.0 JSON schema. */
class ReportFormatsTest {

    private static final String MIGRATION = """
            CREATE INDEX users_email_idx ON users (email);
            ALTER TABLE users ADD COLUMN nickname text, ADD COLUMN bio varchar(200);
            -- bascule:ignore ban-drop-column the column was never used, see issue 12
            ALTER TABLE users DROP COLUMN legacy;
            FROBNICATE users;
            """;

    private final Linter linter = Linter.standard();
    private final ObjectMapper json = new ObjectMapper();

    private List<LintResult> results() {
        return List.of(linter.lint("db/migrations/V2__users, \"odd\": name.sql", MIGRATION,
                LintContext.filesOnly(LintConfig.defaults())));
    }

    @Test
    void sarifOutputIsValidSarif210WithOneResultPerFinding() throws Exception {
        String sarif = ReportFormat.SARIF.render(results(), linter.rules());
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/lint/schemas/sarif-2.1.0-rtm.5.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        JsonNode tree = json.readTree(sarif);
        Set<ValidationMessage> errors = schema.validate(tree);
        assertThat(errors).as("schema violations").isEmpty();

        JsonNode run = tree.get("runs").get(0);
        assertThat(run.get("tool").get("driver").get("rules")).hasSize(linter.rules().size());
        JsonNode results = run.get("results");
        assertThat(results).hasSize(results().get(0).findings().size());
        JsonNode index = null;
        for (JsonNode r : results) {
            if (r.get("ruleId").asText().equals("require-concurrent-index-creation")) {
                index = r;
            }
        }
        assertThat(index).isNotNull();
        assertThat(index.get("level").asText()).isEqualTo("error");
        JsonNode region = index.get("locations").get(0).get("physicalLocation").get("region");
        assertThat(region.get("startLine").asInt()).isEqualTo(1);
        assertThat(index.get("properties").get("lock").asText()).isEqualTo("SHARE");
        assertThat(index.get("properties").get("safeAlternative").asText())
                .contains("CREATE INDEX CONCURRENTLY users_email_idx ON users (email);");
        assertThat(run.get("tool").get("driver").get("rules").get(index.get("ruleIndex").asInt()).get("id")
                .asText()).isEqualTo("require-concurrent-index-creation");
    }

    @Test
    void sarifSchemaCheckCatchesABrokenDocument() throws Exception {
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/lint/schemas/sarif-2.1.0-rtm.5.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        JsonNode broken = json.readTree("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[]}]}");
        assertThat(schema.validate(broken)).as("a run without tool must be rejected").isNotEmpty();
    }

    @Test
    void jsonOutputCarriesLockAndSafeAlternative() throws Exception {
        JsonNode tree = json.readTree(ReportFormat.JSON.render(results(), linter.rules()));
        JsonNode first = tree.get("findings").get(0);
        assertThat(first.get("ruleId").asText()).isEqualTo("require-concurrent-index-creation");
        assertThat(first.get("line").asInt()).isEqualTo(1);
        assertThat(first.get("column").asInt()).isEqualTo(1);
        assertThat(first.get("lock").get("mode").asText()).isEqualTo("SHARE");
        assertThat(first.get("lock").get("blocksWrites").asBoolean()).isTrue();
        assertThat(first.get("lock").get("blocksReads").asBoolean()).isFalse();
        assertThat(tree.get("files").asInt()).isEqualTo(1);
        assertThat(tree.get("findings").findValuesAsText("ruleId")).doesNotContain("ban-drop-column")
                .contains("not-analysed", "prefer-text-field");
    }

    @Test
    void githubOutputEscapesPropertiesAndMultiLineMessages() {
        String out = ReportFormat.GITHUB.render(results(), linter.rules());
        String first = out.lines().findFirst().orElseThrow();
        assertThat(first).startsWith("::error file=db/migrations/V2__users%2C \"odd\"%3A name.sql,line=1,col=1,"
                + "title=bascule require-concurrent-index-creation::");
        assertThat(first).contains("%0ALock: SHARE lock: blocks writes").contains("%0AInstead:%0A");
        assertThat(out.lines()).allMatch(l -> l.startsWith("::error ") || l.startsWith("::warning ")
                || l.startsWith("::notice "));
        assertThat(out).contains("::notice ").contains("::warning ");
    }

    @Test
    void textOutputShowsLocationRuleLockAndIndentedAlternative() {
        String out = ReportFormat.TEXT.render(results(), linter.rules());
        assertThat(out).contains("V2__users, \"odd\": name.sql:1:1: error [require-concurrent-index-creation]")
                .contains("  lock: SHARE lock: blocks writes (INSERT/UPDATE/DELETE), reads continue")
                .contains("    CREATE INDEX CONCURRENTLY users_email_idx ON users (email);");
        assertThat(out.strip()).endsWith("warnings").contains("1 file, ");
    }

    @Test
    void unknownFormatNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> ReportFormat.parse("xml")).hasMessageContaining("text, json, sarif or github");
        assertThat(ReportFormat.parse("SARIF")).isEqualTo(ReportFormat.SARIF);
    }
}
