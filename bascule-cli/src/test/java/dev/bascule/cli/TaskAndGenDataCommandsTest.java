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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code task run}, {@code task list} and {@code gen data-migration --from-csv} from the command line. */
@ExtendWith(EmbeddedPostgresExtension.class)
class TaskAndGenDataCommandsTest {

    @TempDir
    Path tmp;

    private List<String> with(TestDatabase db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.url(), "--user", "postgres", "--path", "migrations"));
        return all;
    }

    private CliRun run(TestDatabase db, String... args) {
        return CliRun.run(tmp, with(db, args).toArray(String[]::new));
    }

    @Test
    void taskRunTwiceRecordsTwoRunsThatTaskListShows(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int PRIMARY KEY, status text NOT NULL);"
                + " INSERT INTO moves SELECT g, 'DRAFT' FROM generate_series(1, 7) g;");
        new MigrationFolder(tmp.resolve("tasks")).write("lower_status.sql", "-- bascule:batch size=3\n"
                + "-- bascule:audit change\nUPDATE moves SET status = lower(status) RETURNING id, status;\n");
        CliRun first = run(db, "task", "run", "tasks/lower_status.sql");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("task tasks/lower_status.sql: run 1 succeeded, 7 row(s) changed by 1"
                + " statement(s) in 3 batch(es)").contains("audit audit/tasks/lower_status/1/change.csv (7 row(s))");
        CliRun second = run(db, "task", "run", "tasks/lower_status.sql");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("run 2 succeeded, 7 row(s)");

        CliRun list = run(db, "task", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out().lines()).hasSize(3);
        assertThat(list.out()).containsPattern("1\\s+tasks/lower_status.sql\\s+\\S+ \\S+\\s+\\S+ \\S+\\s+succeeded\\s+7\\s+3\\s+postgres")
                .containsPattern("2\\s+tasks/lower_status.sql\\s.*succeeded\\s+7\\s+3");
        JsonNode json = new ObjectMapper().readTree(run(db, "task", "list", "--json").out());
        assertThat(json).extracting(r -> r.get("id").asLong() + " " + r.get("outcome").asText() + " " + r.get("rows").asLong())
                .containsExactly("1 succeeded 7", "2 succeeded 7");
        assertThat(Files.readString(tmp.resolve("audit/tasks/lower_status/2/change.csv")))
                .startsWith("\"id\",\"status\"\r\n").contains("\"7\",\"draft\"\r\n");
    }

    @Test
    void genDataMigrationFromCsvThenMigrateGivesTheCsvsRows(TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("migrations"));
        m.write("20200101000000_create_offices.up.sql", "CREATE TABLE offices (id uuid PRIMARY KEY, name text NOT NULL,"
                + " city text);");
        assertThat(run(db, "migrate").exitCode()).isZero();
        Files.writeString(tmp.resolve("offices.csv"), "name,city\n\"Office, North\",Oslo\n\"The \"\"Annex\"\"\",\nSouth,\"\"\n");

        CliRun gen = run(db, "gen", "data-migration", "-n", "add_offices", "--from-csv", "offices.csv", "--table", "offices");
        assertThat(gen.exitCode()).as(gen.toString()).isZero();
        assertThat(gen.out()).containsPattern("created migrations/\\d{14}_add_offices\\.up\\.sql")
                .contains("note: 3 row(s) of offices.csv into offices; ids generated now");
        CliRun migrate = run(db, "migrate");
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(db.column("SELECT name || '|' || coalesce(city, '<null>') FROM offices ORDER BY name"))
                .containsExactly("Office, North|Oslo", "South|", "The \"Annex\"|<null>");
        assertThat(db.column("SELECT count(DISTINCT id) FROM offices")).containsExactly("3");

        CliRun alone = run(db, "gen", "data-migration", "-n", "more_offices", "--from-csv", "offices.csv");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("--from-csv and --table go together");
        Files.writeString(tmp.resolve("bad.csv"), "name,city\nOne\n");
        CliRun bad = run(db, "gen", "data-migration", "-n", "bad_offices", "--from-csv", "bad.csv", "--table", "offices");
        assertThat(bad.exitCode()).isEqualTo(3);
        assertThat(bad.err()).contains("bad.csv:2: this row has 1 value(s), the header (line 1) names 2 column(s)");
    }
}
