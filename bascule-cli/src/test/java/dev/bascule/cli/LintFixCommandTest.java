package dev.bascule.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bascule lint --fix [--write]}: a preview that changes nothing, the written fix, secure files refused. */
class LintFixCommandTest {

    @TempDir
    Path dir;

    static final String INDEX = "ALTER TABLE orders ADD COLUMN status text;\nCREATE INDEX orders_status_idx ON orders (status);\n";
    static final String SECRET = "ALTER TABLE accounts ADD CONSTRAINT pin_set CHECK (pin <> '4711-top-secret');\n";

    @BeforeEach
    void project() throws Exception {
        Files.createDirectories(dir.resolve("db/migrations"));
        Files.createDirectories(dir.resolve("db/secure"));
        Files.writeString(dir.resolve("bascule.yml"), """
                default-environment: dev
                environments:
                  dev:
                    url: jdbc:postgresql://127.0.0.1:1/app
                    paths: [db/migrations, db/secure]
                    secure: [db/secure]
                    manifest: db/manifest.txt
                """);
        Files.writeString(dir.resolve("db/migrations/20260101090000_status.up.sql"), INDEX);
        Files.writeString(dir.resolve("db/migrations/20260101090010_later.up.sql"), "SELECT 1;\n");
        Files.writeString(dir.resolve("db/secure/20260101090005_pins.up.sql"), SECRET);
        Files.writeString(dir.resolve("db/manifest.txt"), "20260101090000_status.up.sql\n20260101090005_pins.up.sql\n"
                + "20260101090010_later.up.sql\n");
    }

    private long files() throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void fixPreviewsAndChangesNothing() throws Exception {
        long before = files();
        CliRun run = CliRun.run(dir, "lint", "--fix", "db/migrations/20260101090000_status.up.sql");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("-CREATE INDEX orders_status_idx ON orders (status);")
                .contains("+-- CREATE INDEX orders_status_idx moved to 20260101090001_status_index_concurrently.up.sql")
                .contains("+CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);")
                .contains("+20260101090001_status_index_concurrently.up.sql")
                .contains("would create " + dir.resolve("db/migrations/20260101090001_status_index_concurrently.up.sql"))
                .contains("preview only, nothing written");
        assertThat(dir.resolve("db/migrations/20260101090000_status.up.sql")).hasContent(INDEX);
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void fixWriteRewritesCreatesAndListsTheNewMigration() throws Exception {
        CliRun run = CliRun.run(dir, "lint", "--fix", "--write", "db/migrations/20260101090000_status.up.sql");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("created " + dir.resolve("db/migrations/20260101090001_status_index_concurrently.up.sql"));
        assertThat(dir.resolve("db/migrations/20260101090000_status.up.sql")).hasContent("ALTER TABLE orders ADD COLUMN status"
                + " text;\n-- CREATE INDEX orders_status_idx moved to 20260101090001_status_index_concurrently.up.sql\n");
        assertThat(dir.resolve("db/migrations/20260101090001_status_index_concurrently.up.sql")).content()
                .startsWith("-- bascule:no-transaction\n").contains("CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);");
        assertThat(dir.resolve("db/manifest.txt")).hasContent("20260101090000_status.up.sql\n"
                + "20260101090001_status_index_concurrently.up.sql\n20260101090005_pins.up.sql\n20260101090010_later.up.sql\n");

        CliRun lint = CliRun.run(dir, "lint", "db/migrations");
        assertThat(lint.out()).doesNotContain("require-concurrent-index-creation");
    }

    @Test
    void secureMigrationIsRefusedWithoutPrintingItsSql() throws Exception {
        CliRun run = CliRun.run(dir, "lint", "--fix", "--write", "db/secure/20260101090005_pins.up.sql");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("20260101090005_pins.up.sql: secure migration: --fix refused");
        assertThat(run.out() + run.err()).doesNotContain("4711").doesNotContain("pin_set").doesNotContain("accounts");
        assertThat(dir.resolve("db/secure/20260101090005_pins.up.sql")).hasContent(SECRET);
        assertThat(dir.resolve("db/secure")).isDirectoryNotContaining(p -> !p.getFileName().toString().equals("20260101090005_pins.up.sql"));
    }

    @Test
    void fixNeedsNoConfigurationFile() throws Exception {
        Files.delete(dir.resolve("bascule.yml"));
        CliRun run = CliRun.run(dir, "lint", "--fix", "--write", "db/migrations/20260101090000_status.up.sql");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(dir.resolve("db/migrations/20260101090001_status_index_concurrently.up.sql")).exists();
        assertThat(dir.resolve("db/manifest.txt")).as("no manifest configured: left alone").hasContent(
                "20260101090000_status.up.sql\n20260101090005_pins.up.sql\n20260101090010_later.up.sql\n");
    }

    @Test
    void writeWithoutFixIsAUsageError() {
        CliRun run = CliRun.run(dir, "lint", "--write", "db/migrations");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--write goes with --fix");
    }
}
