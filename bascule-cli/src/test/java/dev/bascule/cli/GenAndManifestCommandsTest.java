package dev.bascule.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class GenAndManifestCommandsTest {

    @TempDir
    Path tmp;

    private List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void genMigrationCreatesATimestampedFileAndAppendsItToTheManifest() throws IOException {
        Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(tmp.resolve("manifest.txt"), "# header\n20200101000000_old.up.sql");
        CliRun run = CliRun.run(tmp, "gen", "migration", "-n", "add_status_to_moves", "--manifest", "manifest.txt");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> created = files(tmp.resolve("migrations"));
        assertThat(created).singleElement().satisfies(f -> assertThat(f).matches("\\d{14}_add_status_to_moves\\.up\\.sql"));
        String text = Files.readString(tmp.resolve("migrations").resolve(created.get(0)));
        assertThat(text).startsWith("-- add_status_to_moves\n").contains("runs once and only once");
        assertThat(Files.readAllLines(tmp.resolve("manifest.txt")))
                .containsExactly("# header", "20200101000000_old.up.sql", created.get(0));

        CliRun second = CliRun.run(tmp, "gen", "migration", "-n", "add_status_to_moves", "--manifest", "manifest.txt");
        assertThat(second.exitCode()).isZero();
        List<String> both = files(tmp.resolve("migrations"));
        assertThat(both).hasSize(2);
        assertThat(both.get(0).substring(0, 14)).isNotEqualTo(both.get(1).substring(0, 14));
    }

    @Test
    void genMigrationRefusesNamesThatAreNotSnakeCaseAndSaysWhy() throws IOException {
        CliRun camel = CliRun.run(tmp, "gen", "migration", "-n", "AddStatusToMoves");
        assertThat(camel.exitCode()).isEqualTo(2);
        assertThat(camel.err()).contains("'AddStatusToMoves' is not snake_case (it has upper-case letters)")
                .contains("e.g. add_status_to_moves");
        CliRun dashes = CliRun.run(tmp, "gen", "migration", "-n", "add-status");
        assertThat(dashes.exitCode()).isEqualTo(2);
        assertThat(dashes.err()).contains("characters other than a-z, 0-9 and '_'").contains("e.g. add_status");
        assertThat(Files.exists(tmp.resolve("migrations"))).isFalse();
    }

    @Test
    void updateManifestRewritesFromTheFilesKeepingComments() throws IOException {
        Path m = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(m.resolve("3_c.up.sql"), "select 3;");
        Files.writeString(m.resolve("1_a.up.sql"), "select 1;");
        Files.writeString(m.resolve("1_a.down.sql"), "select 0;");
        Files.writeString(m.resolve("2_b.up.sql"), "select 2;");
        Files.writeString(tmp.resolve("manifest.txt"), "# keep me\n# 2_b.up.sql\n1_a.up.sql\n");
        CliRun run = CliRun.run(tmp, "update-manifest", "--manifest", "manifest.txt");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.readString(tmp.resolve("manifest.txt"))).isEqualTo("# keep me\n1_a.up.sql\n# 2_b.up.sql\n3_c.up.sql\n");
    }
}
