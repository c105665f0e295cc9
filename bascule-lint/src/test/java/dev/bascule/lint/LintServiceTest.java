package dev.bascule.lint;

import dev.bascule.catalog.Checksums;
import dev.bascule.catalog.Migration;
import dev.bascule.catalog.MigrationFileName;
import dev.bascule.catalog.MigrationKind;
import dev.bascule.catalog.Stage;
import dev.bascule.lint.model.Finding;
import dev.bascule.source.Location;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The linter through its service API, as the CLI and the build plugins call it. */
@ExtendWith(EmbeddedPostgresExtension.class)
class LintServiceTest {

    @TempDir
    Path dir;

    private static List<String> ids(LintReport report) {
        return report.results().stream().flatMap(r -> r.findings().stream()).map(Finding::ruleId).toList();
    }

    @Test
    void lintsFoldersInOrderWithRuleSwitchesAndTheConfigSection() throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db/2_b.up.sql"), "CREATE INDEX i ON users (a);\n");
        Files.writeString(dir.resolve("db/1_a.up.sql"), "ALTER TABLE users DROP COLUMN a;\n");
        Files.writeString(dir.resolve("db/1_a.down.sql"), "ALTER TABLE users ADD COLUMN a text;\n");
        LintService service = new LintService(LintOptions.builder().format("json").disable(List.of("ban-drop-column"))
                .config(Map.of("rules", Map.of("require-comment", Map.of("enabled", false))), "test.yml").build());
        LintReport report = service.lintFiles(List.of(dir.resolve("db")));
        assertThat(report.results()).extracting(r -> Path.of(r.file()).getFileName().toString())
                .containsExactly("1_a.up.sql", "2_b.up.sql");
        assertThat(ids(report)).containsExactly("require-concurrent-index-creation");
        assertThat(report.exitCode()).isEqualTo(LintService.EXIT_ERRORS);
        assertThat(report.render()).startsWith("{");
    }

    @Test
    void mistakesAreUsageErrorsSayingWhatToDo() {
        assertThatThrownBy(() -> LintOptions.builder().format("xml"))
                .isInstanceOf(LintUsageException.class).hasMessageContaining("use text, json, sarif or github");
        assertThatThrownBy(() -> new LintService(LintOptions.builder().enable(List.of("nope")).build()))
                .isInstanceOf(LintUsageException.class).hasMessageContaining("--enable: no rule 'nope'");
        assertThatThrownBy(() -> new LintService(LintOptions.builder()
                .config(Map.of("profile", "lax"), "bascule.yml").build()))
                .isInstanceOf(LintUsageException.class).hasMessageContaining("bascule.yml: lint.profile: unknown profile");
        LintService service = new LintService(LintOptions.builder().build());
        assertThatThrownBy(() -> service.lintFiles(List.of(dir.resolve("missing.sql"))))
                .isInstanceOf(LintUsageException.class).hasMessageContaining("missing.sql: no such file or directory");
    }

    @Test
    void requireDownLooksBesideEachFile() throws Exception {
        Files.writeString(dir.resolve("1_a.up.sql"), "SELECT 1;\n");
        Files.writeString(dir.resolve("1_a.down.sql"), "SELECT 1;\n");
        Files.writeString(dir.resolve("2_b.up.sql"), "SELECT 2;\n");
        LintReport report = new LintService(LintOptions.builder().requireDown(true).build())
                .lintFiles(List.of(dir.resolve("1_a.up.sql"), dir.resolve("2_b.up.sql")));
        assertThat(report.results().get(0).findings()).isEmpty();
        assertThat(report.results().get(1).findings()).extracting(Finding::ruleId)
                .containsExactly("require-down-migration");
    }

    @Test
    void pendingMigrationsAreLintedAgainstTheLiveTablesAndSecureOnesAreSkipped(TestDatabase db) {
        db.execute("CREATE TABLE moves (id bigint PRIMARY KEY, status text)");
        List<Migration> pending = List.of(
                migration("2_index_status.up.sql", "CREATE INDEX moves_status_idx ON moves (status);\n", false),
                migration("3_pets.up.sql", "CREATE TABLE pets (id bigint PRIMARY KEY, name text);\n"
                        + "CREATE INDEX pets_name_idx ON pets (name);\nALTER TABLE moves ADD COLUMN note text;\n", false),
                migration("4_secret.up.sql", "ALTER TABLE moves DROP COLUMN status;\n", true));
        LintService service = new LintService(LintOptions.builder().disable(List.of("require-comment")).build());

        LintReport withTimeout = service.lintPending(environment(db, pending, Duration.ofSeconds(10)));
        assertThat(withTimeout.results()).extracting(r -> Path.of(r.file()).getFileName().toString())
                .containsExactly("2_index_status.up.sql", "3_pets.up.sql");
        assertThat(ids(withTimeout)).containsExactly("require-concurrent-index-creation");
        assertThat(withTimeout.notes()).containsExactly("1 secure migration(s) not linted (their text is never shown)");

        // The runner configured without a lock_timeout: the ALTER on an existing table needs one in the file.
        LintReport withoutTimeout = service.lintPending(environment(db, pending, Duration.ZERO));
        assertThat(ids(withoutTimeout)).contains("require-lock-timeout");
    }

    @Test
    void aFunctionDeclaredStableByAnEarlierFileIsNotTakenAsVolatile() throws Exception {
        Files.writeString(dir.resolve("1_code.up.sql"), "CREATE FUNCTION default_code() RETURNS text LANGUAGE sql"
                + " STABLE AS $$ SELECT 'A' $$;\n");
        Files.writeString(dir.resolve("2_use.up.sql"), "ALTER TABLE moves ADD COLUMN code text DEFAULT default_code();\n");
        Files.writeString(dir.resolve("3_token.up.sql"), "CREATE FUNCTION token() RETURNS text LANGUAGE sql"
                + " AS $$ SELECT md5(random()::text) $$;\n");
        Files.writeString(dir.resolve("4_use.up.sql"), "ALTER TABLE moves ADD COLUMN token text DEFAULT token();\n");
        LintService service = new LintService(LintOptions.builder().disable(List.of("require-comment")).build());
        // Given in reverse: "seen so far" follows the versions, not the argument order.
        LintReport all = service.lintFiles(List.of(dir.resolve("4_use.up.sql"), dir.resolve("3_token.up.sql"),
                dir.resolve("2_use.up.sql"), dir.resolve("1_code.up.sql")));
        assertThat(all.results()).filteredOn(r -> !r.findings().isEmpty()).extracting(r -> Path.of(r.file())
                .getFileName().toString()).containsExactly("4_use.up.sql");
        LintReport alone = service.lintFiles(List.of(dir.resolve("2_use.up.sql")));
        assertThat(ids(alone)).containsExactly("adding-volatile-default");
    }

    @Test
    void includesAreFollowedAsTheRunnerFollowsThemAndFindingsNameTheIncludedFile() throws Exception {
        Files.createDirectories(dir.resolve("defs"));
        Files.writeString(dir.resolve("defs/index.sql"), "-- bascule:ignore require-comment defined elsewhere\n"
                + "ALTER TABLE users ADD COLUMN a text;\nCREATE INDEX users_a_idx ON users (a);\n");
        Path main = dir.resolve("1_main.up.sql");
        Files.writeString(main, "SELECT 1;\n\\ir defs/index.sql\nALTER TABLE users DROP COLUMN b;\n");
        LintService service = new LintService(LintOptions.builder().build());
        List<Finding> findings = service.lintFiles(List.of(main)).results().get(0).findings();
        assertThat(findings).extracting(f -> Path.of(f.file()).getFileName() + ":" + f.line() + " " + f.ruleId())
                .containsExactly("1_main.up.sql:3 ban-drop-column",
                        "index.sql:3 require-concurrent-index-creation", "index.sql:3 statements-after-access-exclusive");
        // Text alone cannot be followed: the include is said not to be analysed, the rest is linted.
        List<Finding> text = Linter.standard().lint("1_main.up.sql", Files.readString(main),
                dev.bascule.lint.model.LintContext.filesOnly(dev.bascule.lint.model.LintConfig.defaults())).findings();
        assertThat(text).extracting(f -> f.line() + " " + f.ruleId() + " " + f.severity())
                .contains("2 not-analysed INFO", "3 ban-drop-column ERROR");
        // A missing included file: the runner refuses the migration, so it is an error naming the line.
        Files.delete(dir.resolve("defs/index.sql"));
        List<Finding> missing = service.lintFiles(List.of(main)).results().get(0).findings();
        assertThat(missing).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("not-analysed");
            assertThat(f.severity()).isEqualTo(dev.bascule.lint.model.Severity.ERROR);
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.message()).contains("cannot read included file 'defs/index.sql'");
        });
    }

    private static Migration migration(String fileName, String text, boolean secret) {
        MigrationFileName name = MigrationFileName.parse(fileName).value().orElseThrow();
        Location db = Location.local(Path.of("db"));
        return new Migration(name, secret ? MigrationKind.SECURE : MigrationKind.SCHEMA, db, secret, text,
                Checksums.sha256(text.getBytes(StandardCharsets.UTF_8)), 0, Optional.empty(),
                Stage.single(List.of(db), Set.of(), Optional.empty()));
    }

    private static PendingMigrations environment(TestDatabase db, List<Migration> pending, Duration lockTimeout) {
        return new PendingMigrations() {
            public List<Migration> pending() {
                return pending;
            }

            public Connection connect() throws SQLException {
                return db.admin().connect();
            }

            public Duration runnerLockTimeout() {
                return lockTimeout;
            }

            public String describe() {
                return db.url();
            }
        };
    }
}
