package dev.bascule.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bascule trace} through the command line: table, JSON, SARIF, exit codes, secrecy, Ctrl-C. */
@ExtendWith(EmbeddedPostgresExtension.class)
class TraceCommandTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    private MigrationFolder project(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(dir.resolve("db/migrations"));
        m.write("1_moves.up.sql", "CREATE TABLE moves (id bigint PRIMARY KEY, status text);\n"
                + "INSERT INTO moves SELECT g, 'new' FROM generate_series(1, 100) g;\n");
        CliRun applied = CliRun.run(dir, args(db, "migrate"));
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        m.write("2_status_check.up.sql", "ALTER TABLE moves ADD CONSTRAINT status_set CHECK (status IS NOT NULL);\n"
                + "ALTER TABLE moves ALTER COLUMN status TYPE varchar(40);\n");
        return m;
    }

    private static String[] args(TestDatabase db, String command, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(command, "--url", db.url(), "--user", "postgres",
                "--path", "db/migrations"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void printsATablePerMigrationWithLocksRewritesAndScans(TestDatabase db) {
        project(db);
        CliRun run = CliRun.run(dir, args(db, "trace"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("trace of " + db.name() + " on the shadow database bascule_shadow_")
                .contains("db/migrations/2_status_check.up.sql (one transaction)")
                .containsPattern("(?m)^  1 +[0-9.]+ +0  ACCESS EXCLUSIVE public\\.moves +- +public\\.moves +ALTER TABLE moves ADD CONSTRAINT")
                .containsPattern("(?m)^  2 .*public\\.moves, public\\.moves_pkey +public\\.moves x2 +ALTER TABLE moves ALTER COLUMN status TYPE")
                // The type change rebuilds moves_pkey under ACCESS EXCLUSIVE: an existing relation, so both count.
                .containsPattern("(?m)^  2 +[0-9.]+ +0  ACCESS EXCLUSIVE public\\.moves_pkey")
                .contains("2 statement(s) in 1 file(s): 2 took a lock blocking writes on an existing relation, 1 rewrote"
                        + " a table or index, 2 read a table whole");
        assertThat(run.err()).contains("tracing ");
        assertThat(db.column("SELECT count(*) FROM pg_database WHERE datname LIKE 'bascule_shadow_%'")).containsExactly("0");
    }

    @Test
    void jsonAndSarifCarryTheSameObservations(TestDatabase db) throws Exception {
        project(db);
        CliRun asJson = CliRun.run(dir, args(db, "trace", "--json"));
        assertThat(asJson.exitCode()).as(asJson.toString()).isZero();
        JsonNode report = json.readTree(asJson.out());
        assertThat(report.get("shadow_origin").get("kind").asText()).isEqualTo("template-copy");
        JsonNode first = report.get("migrations").get(0).get("statements").get(0);
        assertThat(first.get("line").asInt()).isEqualTo(1);
        assertThat(first.get("locks_observed").asText()).isEqualTo("exact");
        assertThat(first.get("locks").get(0).get("mode").asText()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(first.get("table_scans").get(0).get("table").asText()).isEqualTo("public.moves");
        JsonNode second = report.get("migrations").get(0).get("statements").get(1);
        assertThat(second.get("rewritten").toString()).contains("public.moves");

        CliRun asSarif = CliRun.run(dir, args(db, "trace", "--format", "sarif"));
        assertThat(asSarif.exitCode()).as(asSarif.toString()).isZero();
        JsonNode sarif = json.readTree(asSarif.out());
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(sarifSchema())) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        assertThat(schema.validate(sarif)).as("schema violations").isEmpty();
        JsonNode results = sarif.get("runs").get(0).get("results");
        assertThat(results.findValuesAsText("ruleId")).contains("trace-scan-under-lock", "trace-table-rewrite",
                "trace-blocks-reads");
        assertThat(results.get(0).get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
                .isEqualTo("db/migrations/2_status_check.up.sql");
    }

    @Test
    void aStatementThatFailsOnTheCopyExitsOneAndSecureTextNeverShows(TestDatabase db) throws Exception {
        project(db);
        MigrationFolder secure = new MigrationFolder(dir.resolve("db/secure"));
        secure.write("3_secret.up.sql", "UPDATE moves SET status = 'classified-codeword' WHERE id = 1;\n"
                + "INSERT INTO moves VALUES (1, 'classified-codeword');\n");
        Files.writeString(dir.resolve("bascule.yml"), String.join("\n", "environments:", "  local:",
                "    url: " + db.url(), "    user: postgres", "    paths: [db/migrations, db/secure]",
                "    secure: [db/secure]", ""));
        for (String format : List.of("text", "json", "sarif")) {
            CliRun run = CliRun.run(dir, "trace", "--env", "local", "--format", format);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.out() + run.err()).as(format).doesNotContain("classified", "codeword", "duplicate key", "Key (id)")
                    .contains("23505").contains("3_secret.up.sql");
        }
    }

    @Test
    void anUnknownFormatIsAUsageError(TestDatabase db) {
        project(db);
        CliRun run = CliRun.run(dir, args(db, "trace", "--format", "xml"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown --format 'xml': use text, json or sarif");
    }

    @Test
    void ctrlCDropsTheShadowDatabase(TestDatabase db) throws Exception {
        project(db);
        new MigrationFolder(dir.resolve("db/migrations")).write("3_slow.up.sql", "SELECT pg_sleep(120);\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("trace.log");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args(db, "trace")));
        Process trace = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (db.column("SELECT count(*) FROM pg_stat_activity WHERE datname LIKE 'bascule_shadow_%'"
                    + " AND query LIKE 'SELECT pg_sleep(120)%'").equals(List.of("0"))) {
                assertThat(System.nanoTime()).as("the trace never reached the slow statement:%n%s", Files.readString(log))
                        .isLessThan(deadline);
                assertThat(trace.isAlive()).as(Files.readString(log)).isTrue();
                Thread.sleep(100);
            }
            new ProcessBuilder("kill", sigintIgnored() ? "-TERM" : "-INT", String.valueOf(trace.pid())).start().waitFor();
            // The drop may wait for a checkpoint (DROP DATABASE forces one) on a server an earlier test filled: the
            // hook's own limits (15 s for the drop, then exit) are what this bounds, with room for a loaded machine.
            boolean stopped = trace.waitFor(90, TimeUnit.SECONDS);
            assertThat(stopped).as("trace did not stop within 90 s of Ctrl-C:%n%s", Files.readString(log)).isTrue();
        } finally {
            trace.destroyForcibly();
        }
        assertThat(db.column("SELECT count(*) FROM pg_database WHERE datname LIKE 'bascule_shadow_%'"))
                .as(Files.readString(log)).containsExactly("0");
    }

    /**
     * Whether this JVM was started with SIGINT ignored, as a build started in the background by a non-interactive
     * shell is: the child inherits that, and the JVM then leaves SIGINT ignored (as it does under nohup). SIGTERM
     * runs the same shutdown hooks, so the test sends that instead.
     */
    private static boolean sigintIgnored() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0x2L) != 0;
            }
        }
        return false;
    }

    /** The official SARIF 2.1.0 schema kept with the linter's tests. */
    private static Path sarifSchema() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path schema = d.resolve("bascule-lint/src/test/resources/lint/schemas/sarif-2.1.0-rtm.5.json");
            if (Files.isRegularFile(schema)) {
                return schema;
            }
        }
        throw new IllegalStateException("bascule-lint/src/test/resources/lint/schemas/sarif-2.1.0-rtm.5.json not found");
    }
}
