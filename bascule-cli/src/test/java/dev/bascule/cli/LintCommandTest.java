package dev.bascule.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bascule lint}: exit statuses 0/1/2, formats, directories, reversibility. */
class LintCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run lint(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "lint";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun run = CliRun.run(dir, all);
        return new Run(run.exitCode(), run.out(), run.err());
    }

    private Path write(String name, String sql) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
        return file;
    }

    @Test
    void cleanFileExitsZero() throws Exception {
        Path file = write("V1__ok.sql", """
                -- bascule:no-transaction
                SET lock_timeout = '5s';
                CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
                """);
        Run run = lint(file.toString());
        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.out()).contains("1 file, 0 errors, 0 warnings");
    }

    @Test
    void warningsAloneExitZeroAndErrorsExitOne() throws Exception {
        Path warning = write("V2__warn.sql", "SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN a DROP NOT NULL;\n");
        assertThat(lint(warning.toString()).exit()).isEqualTo(0);
        Path error = write("V3__index.sql", "CREATE INDEX users_email_idx ON users (email);\n");
        Run run = lint(error.toString(), warning.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains(error + ":1:1: error [require-concurrent-index-creation]")
                .contains("2 files, 1 error, ");
    }

    @Test
    void usageErrorsExitTwoAndSayWhatToDo() throws Exception {
        Path file = write("V4__x.sql", "SELECT 1;\n");
        Run badFormat = lint("--format", "xml", file.toString());
        assertThat(badFormat.exit()).isEqualTo(2);
        assertThat(badFormat.err()).contains("use text, json, sarif or github");
        Run missing = lint(dir.resolve("nope.sql").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.sql: no such file or directory");
        assertThat(lint().exit()).isEqualTo(2);
        Run unknownRule = lint("--disable", "no-such-rule", file.toString());
        assertThat(unknownRule.exit()).isEqualTo(2);
        assertThat(unknownRule.err()).contains("no rule 'no-such-rule'");
    }

    @Test
    void directoriesAreSearchedForSqlFilesAndJsonIsMachineReadable() throws Exception {
        write("migrations/schema/001_a.up.sql", "ALTER TABLE users DROP COLUMN a;\n");
        write("migrations/schema/001_a.down.sql", "DROP TABLE users;\n");
        write("migrations/schema/notes.txt", "DROP TABLE users;\n");
        Run run = lint("--format", "json", dir.resolve("migrations").toString());
        assertThat(run.exit()).isEqualTo(1);
        JsonNode tree = new ObjectMapper().readTree(run.out());
        assertThat(tree.get("files").asInt()).isEqualTo(1);
        assertThat(tree.get("findings").findValuesAsText("ruleId")).contains("ban-drop-column")
                .doesNotContain("ban-drop-table");
    }

    @Test
    void requireDownLooksForTheDownFileBesideTheUpFile() throws Exception {
        Path withDown = write("002_b.up.sql", "SET lock_timeout = '1s';\nALTER TABLE users ADD COLUMN b text;\n");
        write("002_b.down.sql", "ALTER TABLE users DROP COLUMN b;\n");
        Path withoutDown = write("003_c.up.sql", "SET lock_timeout = '1s';\nALTER TABLE users ADD COLUMN c text;\n");
        Run run = lint("--require-down", "--disable", "require-comment", withDown.toString(), withoutDown.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("003_c.up.sql:1:1: error [require-down-migration]")
                .doesNotContain("002_b.up.sql:1:1: error [require-down-migration]");
    }

    @Test
    void concurrentIndexInAFileTheRunnerWrapsIsAnError() throws Exception {
        Path file = write("V6__idx.sql", "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
        Run run = lint(file.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("error [concurrently-in-transaction]")
                .contains("-- bascule:no-transaction");
    }

    @Test
    void githubAndSarifFormatsAreSelectable() throws Exception {
        Path file = write("V5__x.sql", "CREATE INDEX i ON t (a);\n");
        assertThat(lint("--format", "github", file.toString()).out())
                .startsWith("::error file=").contains("title=bascule require-concurrent-index-creation::");
        JsonNode sarif = new ObjectMapper().readTree(lint("--format", "sarif", file.toString()).out());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("runs").get(0).get("results").get(0).get("ruleId").asText())
                .isEqualTo("require-concurrent-index-creation");
    }

    @Test
    void theRunnersLockTimeoutCoversFilesUnlessTheEnvironmentSetsItToZero() throws Exception {
        Path file = write("004_d.up.sql", "ALTER TABLE users DROP COLUMN legacy;\n");
        // No bascule.yml: the runner sets lock_timeout (10 s) before every migration, so files need not.
        assertThat(lint("--format", "json", file.toString()).out()).contains("ban-drop-column")
                .doesNotContain("require-lock-timeout");
        assertThat(lint("--format", "json", "--lock-timeout", "0", file.toString()).out())
                .contains("require-lock-timeout");
        Files.writeString(dir.resolve("bascule.yml"), "environments:\n  dev:\n    url: jdbc:postgresql://localhost/x\n"
                + "    lock-timeout: 0\n");
        assertThat(lint("--format", "json", file.toString()).out()).contains("require-lock-timeout");
        Files.writeString(dir.resolve("bascule.yml"), "environments:\n  dev:\n    url: jdbc:postgresql://localhost/x\n"
                + "    lock-timeout: 3s\n");
        assertThat(lint("--format", "json", file.toString()).out()).doesNotContain("require-lock-timeout");
    }

    @Test
    void aFileThatIsNotUtf8IsAnErrorNamingTheFileAndByte() throws Exception {
        Path file = dir.resolve("005_latin1.up.sql");
        Files.write(file, "SELECT 'caf\u00e9';\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Run run = lint(file.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains(file + ":1:").contains("error [not-analysed]")
                .contains("invalid UTF-8 byte sequence at byte offset 11");
    }

    @Test
    void anUnknownProfileIsAUsageError() throws Exception {
        Path file = write("006_e.up.sql", "ALTER TABLE users DROP COLUMN legacy;\n");
        Run bad = lint("--profile", "paranoid", file.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--profile: unknown profile 'paranoid': use default or strict");
    }

    @Test
    void theStrictProfileAsksForAStatementTimeout() throws Exception {
        Path file = write("007_f.up.sql", "ALTER TABLE moves VALIDATE CONSTRAINT moves_status_check;\n");
        assertThat(lint("--format", "json", file.toString()).out()).doesNotContain("require-statement-timeout");
        assertThat(lint("--format", "json", "--profile", "strict", file.toString()).out())
                .contains("require-statement-timeout");
        Files.writeString(dir.resolve("bascule.yml"), "lint:\n  profile: strict\n");
        assertThat(lint("--format", "json", file.toString()).out()).contains("require-statement-timeout");
        assertThat(lint("--format", "json", "--profile", "default", file.toString()).out())
                .doesNotContain("require-statement-timeout");
    }

    @Test
    void everyBasculeDirectiveIsReadAsTheRunnerReadsIt() throws Exception {
        Path data = write("008_backfill.up.sql", """
                -- bascule:data
                -- bascule:phase move_status 2
                -- bascule:audit pre
                SELECT id FROM moves WHERE status IS NULL;
                -- bascule:batch size=1000
                UPDATE moves SET status = 'DRAFT';
                DELETE FROM sessions;
                """);
        Run run = lint("--format", "json", data.toString());
        assertThat(run.err()).isEmpty();
        JsonNode findings = new ObjectMapper().readTree(run.out()).get("findings");
        assertThat(findings.findValuesAsText("ruleId")).containsExactly("unbatched-data-change");
        assertThat(findings.get(0).get("line").asInt()).isEqualTo(7);
    }
}
