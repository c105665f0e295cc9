package dev.bascule.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitCommandTest {

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.run(dir, args);
    }

    @Test
    void jsonListsEveryStatementWithPositionAndKind() throws IOException {
        Path file = Files.writeString(dir.resolve("m.sql"), "-- bascule:no-transaction\nCREATE INDEX CONCURRENTLY i"
                + " ON t (a);\n  do $$ begin raise notice 'é;'; end $$;\nCOPY t FROM stdin;\n1\n\\.\n");
        CliRun run = run("split", file.toString(), "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode array = new ObjectMapper().readTree(run.out());
        assertThat(array).hasSize(3);
        assertThat(array.get(0).get("kind").asText()).isEqualTo("NO_TRANSACTION");
        assertThat(array.get(1).get("line").asInt()).isEqualTo(3);
        assertThat(array.get(1).get("column").asInt()).isEqualTo(3);
        assertThat(array.get(1).get("sql").asText()).isEqualTo("do $$ begin raise notice 'é;'; end $$;");
        assertThat(array.get(2).get("kind").asText()).isEqualTo("COPY_FROM_STDIN");
        assertThat(array.get(0).fieldNames()).toIterable().containsExactly("line", "column", "kind", "sql");
    }

    @Test
    void textFormPrintsHeadersAndCopyData() throws IOException {
        Files.writeString(dir.resolve("t.sql"), "SELECT 1;\nCOPY t FROM stdin;\na\n\\.\n");
        CliRun run = run("split", "t.sql"); // relative to the working directory, printed as given
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("-- t.sql:1:1 ORDINARY\nSELECT 1;\n-- t.sql:2:1 COPY_FROM_STDIN\n"
                + "COPY t FROM stdin;\na\n\\.\n");
    }

    @Test
    void syntaxErrorsExitTwoNamingFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.sql"), "SELECT 1;\nSELECT 'open");
        CliRun run = run("split", file.toString(), "--json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(file + ":2:8: unterminated quoted string");
    }

    @Test
    void missingFilesAndInvalidUtf8AreClearErrors() throws IOException {
        CliRun missing = run("split", dir.resolve("nope.sql").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.sql: no such file");
        Path latin1 = dir.resolve("latin1.sql");
        Files.write(latin1, new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xE9, '\'', ';'});
        CliRun invalid = run("split", latin1.toString());
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains(latin1 + ":1:9: invalid UTF-8 byte sequence at byte offset 8");
    }
}
