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

@ExtendWith(EmbeddedPostgresExtension.class)
class CliCommandsTest {

    @TempDir
    Path tmp;

    private MigrationFolder sampleProject() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("db"));
        m.write("20240101000000_create_moves.up.sql", "CREATE TABLE moves (id int PRIMARY KEY);");
        m.write("20240102000000_add_status.up.sql", "ALTER TABLE moves ADD COLUMN status text;");
        m.write("20240103000000_not_listed.up.sql", "SELECT 1;");
        m.write("manifest.txt", "# sample\n20240102000000_add_status.up.sql\n20240101000000_create_moves.up.sql\n");
        return m;
    }

    private static String[] with(TestDatabase db, MigrationFolder m, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--url", db.url(), "--user", "postgres", "--path", m.path(), "--manifest", m.resolve("manifest.txt").toString()));
        return args.toArray(String[]::new);
    }

    @Test
    void migrateThenStatusAsJson(TestDatabase db) throws Exception {
        MigrationFolder m = sampleProject();
        CliRun migrate = CliRun.run(tmp, with(db, m, "migrate"));
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out()).contains("applying 20240101000000_create_moves.up.sql ... ok").contains("applied 2 migration(s)");

        CliRun status = CliRun.run(tmp, with(db, m, "status", "--json"));
        assertThat(status.exitCode()).as(status.toString()).isZero();
        JsonNode rows = new ObjectMapper().readTree(status.out());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).extracting(r -> r.get("version").asText() + " " + r.get("name").asText() + " " + r.get("state").asText())
                .containsExactly("20240101000000 create_moves applied", "20240102000000 add_status applied",
                        "20240103000000 not_listed unlisted");
        assertThat(rows.get(0).get("source").asText()).isEqualTo("db");
        assertThat(rows.get(0).get("applied_at").asText()).endsWith("Z");

        CliRun table = CliRun.run(tmp, with(db, m, "status"));
        assertThat(table.out()).contains("VERSION").contains("20240101000000  create_moves").contains("2 applied, 0 pending");
    }

    @Test
    void manifestProblemsExitThreeAndNameEveryLine(TestDatabase db) throws Exception {
        MigrationFolder m = sampleProject();
        m.write("manifest.txt", "20240101000000_create_moves.up.sql\n20240109000000_gone.up.sql\n20240101000000_create_moves.up.sql\n");
        CliRun validate = CliRun.run(tmp, with(db, m, "validate"));
        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(3);
        assertThat(validate.err()).contains("manifest.txt:2: 20240109000000_gone.up.sql is listed but is in none of the paths")
                .contains("manifest.txt:3: 20240101000000_create_moves.up.sql is listed twice");
        CliRun migrate = CliRun.run(tmp, with(db, m, "migrate"));
        assertThat(migrate.exitCode()).isEqualTo(3);
        assertThat(db.tableExists("moves")).isFalse();
    }

    @Test
    void aFailingMigrationExitsOneWithFileAndLine(TestDatabase db) {
        MigrationFolder m = sampleProject();
        m.write("20240102000000_add_status.up.sql", "ALTER TABLE moves\n  ADD COLUMN status no_such_type;");
        CliRun migrate = CliRun.run(tmp, with(db, m, "migrate"));
        assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(1);
        assertThat(migrate.err()).contains("20240102000000_add_status.up.sql:2: ERROR: type \"no_such_type\" does not exist")
                .contains("SQLSTATE: 42704");
    }

    @Test
    void wrongPasswordExitsTwoAndNeverPrintsIt(TestDatabase db) {
        db.execute("CREATE ROLE cli_user LOGIN PASSWORD 'the-right-one'");
        MigrationFolder m = sampleProject();
        CliRun run = CliRun.run(tmp, "migrate", "--url", db.url(), "--user", "cli_user", "--password=sup3r-s3cret", "--path", m.path());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("password authentication failed").doesNotContain("sup3r-s3cret");
        assertThat(run.out()).doesNotContain("sup3r-s3cret");
    }

    @Test
    void lockHeldElsewhereExitsFour(TestDatabase db) throws Exception {
        MigrationFolder m = sampleProject();
        Files.writeString(tmp.resolve("bascule.yml"), "environments:\n  ci:\n    url: " + db.url() + "\n    user: postgres\n"
                + "    paths: [db]\n    manifest: db/manifest.txt\n    lock-wait: 1s\n");
        long key = dev.bascule.history.AdvisoryLock.keyFor(new dev.bascule.history.HistoryTable("public", "bascule_schema_migrations"));
        try (var c = db.admin().connect(); var st = c.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + key + ")");
            CliRun run = CliRun.run(tmp, "migrate");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
            assertThat(run.err()).contains("waiting up to 1 s for the migration lock").contains("another migration run holds");
        }
    }

    @Test
    void resetIsRefusedOnANonResettableEnvironment(TestDatabase db) throws Exception {
        MigrationFolder m = sampleProject();
        Files.writeString(tmp.resolve("bascule.yml"), "default-environment: prd\nenvironments:\n  prd:\n    url: " + db.url()
                + "\n    user: postgres\n    paths: [db]\n    manifest: db/manifest.txt\n");
        assertThat(CliRun.run(tmp, "migrate").exitCode()).isZero();
        CliRun reset = CliRun.run(tmp, "reset");
        assertThat(reset.exitCode()).as(reset.toString()).isEqualTo(2);
        assertThat(reset.err()).contains("not marked resettable");
        assertThat(db.tableExists("moves")).isTrue();
    }

    @Test
    void configurationErrorsNameTheFileAndExitTwo() throws Exception {
        Files.writeString(tmp.resolve("bascule.yml"), "environments:\n  dev:\n    url: jdbc:postgresql://localhost/x\n    pasword: oops\n");
        CliRun run = CliRun.run(tmp, "status");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bascule.yml: unknown key 'pasword'");

        Files.writeString(tmp.resolve("bascule.yml"), "environments:\n  dev:\n    url: jdbc:postgresql://localhost/x\n    password: ${BASCULE_TEST_UNSET_VAR}\n");
        CliRun unset = CliRun.run(tmp, "status");
        assertThat(unset.exitCode()).isEqualTo(2);
        assertThat(unset.err()).contains("environments.dev.password uses ${BASCULE_TEST_UNSET_VAR}");

        CliRun usage = CliRun.run(tmp, "migrate", "--no-such-flag");
        assertThat(usage.exitCode()).isEqualTo(2);
    }
}
