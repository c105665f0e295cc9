package dev.bascule.lint;

import dev.bascule.lint.model.Severity;
import dev.bascule.lint.model.LintConfig;
import dev.bascule.lint.model.RuleConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code lint:} section of bascule.yml, in the shape docs/rules/README.md documents. */
class LintConfigReaderTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lintSection(String yaml) throws Exception {
        Map<String, Object> root = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
        return (Map<String, Object>) root.get("lint");
    }

    @Test
    void readsTheDocumentedShape() throws Exception {
        LintConfig config = LintConfigReader.read(lintSection("""
                lint:
                  large-table-rows: 500000
                  comment-exempt-columns: [id, created_at, updated_at, deleted_at]
                  rules:
                    ban-drop-column:
                      severity: warning
                      exempt-paths: ["migrations/app/secure/**"]
                    prefer-timestamptz:
                      only-newer-than: "20250101000000"
                    require-idempotent-ddl:
                      enabled: true
                """), "bascule.yml");
        assertThat(config.largeTableRows()).isEqualTo(500_000L);
        assertThat(config.commentExemptColumns()).containsExactly("id", "created_at", "updated_at", "deleted_at");
        assertThat(config.rule("ban-drop-column")).isEqualTo(new RuleConfig(Severity.WARNING, null,
                List.of("migrations/app/secure/**"), null));
        assertThat(config.rule("prefer-timestamptz").onlyNewerThan()).isEqualTo("20250101000000");
        assertThat(config.rule("require-idempotent-ddl").enabled()).isTrue();
        assertThat(config.rule("setting-not-null")).isEqualTo(RuleConfig.DEFAULT);
        assertThat(LintConfigReader.read(null, "bascule.yml")).isEqualTo(LintConfig.defaults());
    }

    @Test
    void mistakesNameTheFileAndTheKey() throws Exception {
        assertThatThrownBy(() -> LintConfigReader.read(lintSection("""
                lint:
                  rules:
                    ban-drop-colum: {enabled: false}
                """), "bascule.yml")).hasMessage("bascule.yml: lint.rules.ban-drop-colum: no such rule; the ids "
                + "are listed in docs/rules/README.md");
        assertThatThrownBy(() -> LintConfigReader.read(lintSection("""
                lint:
                  rules:
                    ban-drop-column: {severity: fatal}
                """), "bascule.yml")).hasMessageContaining("lint.rules.ban-drop-column.severity: expected error, "
                + "warning or info");
        assertThatThrownBy(() -> LintConfigReader.read(lintSection("""
                lint:
                  rules:
                    ban-drop-column: {only-newer-than: 2025-01-01}
                """), "bascule.yml")).hasMessageContaining("only-newer-than: expected a version made of digits");
        assertThatThrownBy(() -> LintConfigReader.read(lintSection("""
                lint:
                  largetable: 3
                """), "bascule.yml")).hasMessageContaining("lint.largetable: unknown key");
    }
}
