package dev.bascule.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bascule.fleet.FleetServer;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bascule fleet ...} end to end on databases of the embedded server. */
@ExtendWith(EmbeddedPostgresExtension.class)
class FleetCommandTest {

    @TempDir
    Path tmp;

    private void migrations() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("db"));
        m.write("0001_create_pets.up.sql", "CREATE TABLE pets (id int PRIMARY KEY);\n");
        m.write("0002_create_toys.up.sql", "CREATE TABLE toys (id int PRIMARY KEY);\n");
    }

    private static String query(FleetServer server) {
        return "SELECT datname FROM pg_database WHERE datname LIKE '" + server.prefix().replace("_", "\\_") + "%' ORDER BY datname";
    }

    @Test
    void migrateExitsSixNamingTheFailedTargetThenZeroOnceItIsFixedAndARerunAppliesNothing(TestDatabase db) throws Exception {
        FleetServer server = FleetServer.of(db);
        List<String> dbs = server.create("a", "b", "c");
        server.execute(dbs.get(1), "CREATE TABLE toys (other text)");
        migrations();
        String[] args = {"fleet", "migrate", "--databases-from", query(server), "--url", server.url("postgres"),
                "--user", "postgres", "--path", "db", "--parallel", "2"};

        CliRun first = CliRun.run(tmp, args);
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(6);
        assertThat(first.out()).contains("TARGET").contains("OUTCOME").contains("APPLIED").contains("PENDING").contains("ERROR");
        assertThat(line(first.out(), dbs.get(0))).matches(dbs.get(0) + " +ok +2 +0 +\\d+\\.\\d s");
        assertThat(line(first.out(), dbs.get(1))).matches(dbs.get(1) + " +failed +1 +1 +\\d+\\.\\d s +.*0002_create_toys.up.sql.*");
        assertThat(first.out()).contains("3 target(s): 2 ok, 1 failed; 2 at a time (at most 4 connections)");
        // Not a terminal here: plain lines, no cursor movements.
        assertThat(first.err()).contains("bascule: fleet migrate: 3 target(s), 2 at a time (at most 4 connection(s)")
                .contains("bascule: fleet: " + dbs.get(0) + ": started").contains("bascule: fleet: " + dbs.get(1) + ": failed")
                .doesNotContain("\033[");

        server.execute(dbs.get(1), "DROP TABLE toys");
        CliRun second = CliRun.run(tmp, args);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(line(second.out(), dbs.get(0))).matches(dbs.get(0) + " +ok +0 +0 .*");
        assertThat(line(second.out(), dbs.get(1))).matches(dbs.get(1) + " +ok +1 +0 .*");

        CliRun status = CliRun.run(tmp, "fleet", "status", "--databases-from", query(server), "--url", server.url("postgres"),
                "--user", "postgres", "--path", "db", "--json");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(status.out());
        assertThat(json.get("operation").asText()).isEqualTo("status");
        assertThat(json.get("failed").asInt()).isZero();
        assertThat(json.get("results")).hasSize(3);
        for (JsonNode r : json.get("results")) {
            assertThat(r.get("outcome").asText()).isEqualTo("ok");
            assertThat(r.get("applied").asInt()).isEqualTo(2);
            assertThat(r.get("pending").asInt()).isZero();
            assertThat(r.get("error").isNull()).isTrue();
        }
    }

    @Test
    void environmentsByPatternAndAnUnreachableOneInJson(TestDatabase db) throws Exception {
        FleetServer server = FleetServer.of(db);
        List<String> dbs = server.create("x", "y");
        migrations();
        Files.writeString(tmp.resolve("bascule.yml"), """
                environments:
                  tenant_x: {url: "%s", user: postgres, paths: [db]}
                  tenant_y: {url: "%s", user: postgres, paths: [db]}
                  tenant_gone: {url: "jdbc:postgresql://127.0.0.1:%d/gone", user: postgres, paths: [db], connect-timeout: 2s}
                  staging: {url: "%s", user: postgres, paths: [db]}
                """.formatted(server.url(dbs.get(0)), server.url(dbs.get(1)), FleetServer.closedPort(), server.url("postgres")));

        CliRun run = CliRun.run(tmp, "fleet", "migrate", "--envs", "tenant_*", "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("targets").asInt()).isEqualTo(3);
        assertThat(json.get("succeeded").asInt()).isEqualTo(2);
        JsonNode gone = json.get("results").get(2);
        assertThat(gone.get("target").asText()).isEqualTo("tenant_gone");
        assertThat(gone.get("outcome").asText()).isEqualTo("config");
        assertThat(gone.get("exit_code").asInt()).isEqualTo(2);
        assertThat(gone.get("pending").isNull()).isTrue();
        assertThat(gone.get("error").asText()).contains("cannot reach the database");
        assertThat(server.column(dbs.get(1), "SELECT count(*) FROM bascule_schema_migrations")).containsExactly("2");
        assertThat(server.column("postgres", "SELECT count(*) FROM pg_class WHERE relname = 'pets'")).containsExactly("0");
    }

    @Test
    void choosingNoTargetsOrSeveralWaysIsAUsageError() {
        CliRun none = CliRun.run(tmp, "fleet", "migrate");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--envs").contains("--targets").contains("--databases-from");
        CliRun both = CliRun.run(tmp, "fleet", "status", "--envs", "a*", "--targets", "t.txt");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        for (String command : List.of("fleet", "fleet migrate", "fleet status", "fleet validate")) {
            CliRun usage = CliRun.run(tmp, (command + " --help").split(" "));
            assertThat(usage.exitCode()).as(usage.toString()).isZero();
            assertThat(usage.out()).startsWith("Usage: bascule " + command);
        }
        CliRun noFile = CliRun.run(tmp, "fleet", "migrate", "--envs", "tenant_*");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains("--envs needs a bascule.yml");
        CliRun help = CliRun.run(tmp, "--help");
        assertThat(help.out()).contains("fleet").contains("6   fleet: one or more targets failed");
    }

    private static String line(String out, String target) {
        return out.lines().filter(l -> l.startsWith(target + " ")).findFirst().orElseThrow(() -> new AssertionError(out));
    }
}
