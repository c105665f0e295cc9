package dev.bascule.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status --json} keeps its array for today's consumers; {@code status --json-object} adds what the array cannot
 * hold: the problems (a file that is not valid UTF-8 is not a migration the array can list), warnings and counts.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class StatusJsonObjectTest {

    @TempDir
    Path tmp;

    @Test
    void theObjectFormListsTheProblemsTheArrayCannotShow(TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_ok.up.sql", "CREATE TABLE ok (x int);\n");
        m.writeBytes("2_latin1.up.sql", new byte[]{'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', ';', '\n', '-', '-', (byte) 0xe9, '\n'});
        m.write("3_orphan.down.sql", "SELECT 1;\n");
        String[] target = {"--url", db.url(), "--user", "postgres", "--path", m.path()};

        CliRun array = CliRun.run(tmp, concat("status", "--json", target));
        assertThat(array.exitCode()).as(array.toString()).isZero();
        JsonNode entries = new ObjectMapper().readTree(array.out());
        assertThat(entries.isArray()).isTrue();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("file").asText()).isEqualTo("1_ok.up.sql");

        CliRun object = CliRun.run(tmp, concat("status", "--json-object", target));
        assertThat(object.exitCode()).as(object.toString()).isZero();
        JsonNode document = new ObjectMapper().readTree(object.out());
        assertThat(document.get("migrations")).isEqualTo(entries);
        assertThat(document.get("problems")).hasSize(1);
        JsonNode problem = document.get("problems").get(0);
        assertThat(problem.get("file").asText()).isEqualTo(m.resolve("2_latin1.up.sql").toString());
        assertThat(problem.get("line").asInt()).isEqualTo(2);
        assertThat(problem.get("message").asText()).contains("invalid UTF-8");
        assertThat(document.get("warnings").get(0).get("file").asText()).isEqualTo(m.resolve("3_orphan.down.sql").toString());
        assertThat(document.get("summary").get("pending").asInt()).isEqualTo(1);
        assertThat(document.get("summary").get("needs_attention").asBoolean()).isTrue();
    }

    private static String[] concat(String command, String flag, String[] rest) {
        String[] all = new String[rest.length + 2];
        all[0] = command;
        all[1] = flag;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }
}
