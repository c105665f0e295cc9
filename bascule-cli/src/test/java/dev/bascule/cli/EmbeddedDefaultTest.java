package dev.bascule.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** With no database configured, Bascule runs on an embedded PostgreSQL 17 whose data survives between runs. */
class EmbeddedDefaultTest {

    @TempDir
    Path tmp;

    @Test
    void demoAppliesTheSampleProjectAndKeepsTheDataForTheNextRun() throws Exception {
        Path project = findRepoRoot().resolve("examples").resolve("demo");
        CliRun first = CliRun.run(tmp, "demo", "--project", project.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.err()).contains("using the embedded PostgreSQL 17 in .bascule");
        assertThat(first.out()).contains("applied 4 migration(s)")
                .containsPattern("20260104090000\\s+index_moves_status\\s+schema\\s+applied")
                .contains("4 applied, 0 pending");
        assertThat(Files.isDirectory(tmp.resolve(".bascule").resolve("pg17"))).isTrue();

        CliRun second = CliRun.run(tmp, "demo", "--project", project.toString());
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("already applied").contains("4 applied, 0 pending");

        CliRun version = CliRun.run(tmp, "status", "--embedded", "--path", project.resolve("migrations").toString(), "--json");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.out()).contains("\"state\" : \"applied\"");
    }

    @Test
    void withoutADatabaseEveryCommandRefusesAndNothingIsStartedOrWritten() throws Exception {
        Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(tmp.resolve("migrations").resolve("20240101000000_a.up.sql"), "CREATE TABLE a (x int);");
        for (String command : List.of("migrate", "status", "validate", "repair")) {
            CliRun run = CliRun.run(tmp, command);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains("no database configured").contains("--url").contains("DATABASE_URL")
                    .contains("PGHOST").contains("bascule.yml").contains("--embedded");
        }
        assertThat(tmp.resolve(".bascule")).doesNotExist();
    }

    @Test
    void anEmptyConfigurationFileIsAnErrorNotADeployToNowhere() throws Exception {
        Files.writeString(tmp.resolve("bascule.yml"), "");
        CliRun run = CliRun.run(tmp, "migrate");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("bascule.yml: the file is empty");
        assertThat(tmp.resolve(".bascule")).doesNotExist();
    }

    static Path findRepoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples").resolve("demo"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("examples/demo not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
