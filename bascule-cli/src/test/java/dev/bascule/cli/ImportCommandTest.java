package dev.bascule.cli;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bascule import} and the extended {@code bascule adopt}, through the command line. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ImportCommandTest {

    @TempDir
    Path wd;

    @Test
    void importThenAdoptThenMigrateAGolangMigrateProject(TestDatabase db) {
        MigrationFolder golang = new MigrationFolder(wd.resolve("golang"));
        golang.write("1_users.up.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
        golang.write("1_users.down.sql", "DROP TABLE users;\n");
        golang.write("2_email.up.sql", "ALTER TABLE users ADD COLUMN email text;\n");
        // The state golang-migrate leaves after 'migrate up 1'.
        db.execute("CREATE TABLE users (id int PRIMARY KEY);"
                + " CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);"
                + " INSERT INTO schema_migrations VALUES (1, false);");

        CliRun imported = CliRun.run(wd, "import", "golang-migrate", "golang", "--to", "db/migrations");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("converted 3 file(s) from golang-migrate into db/migrations:",
                "  1_users.up.sql -> 1_users.up.sql", "  2_email.up.sql -> 2_email.up.sql",
                "wrote db/migrations/manifest.txt",
                "run it with: --path db/migrations --manifest db/migrations/manifest.txt",
                "then, on each database golang-migrate migrated: bascule adopt golang-migrate");
        assertThat(Files.exists(wd.resolve("db/migrations/1_users.down.sql"))).isTrue();

        String[] target = {"--url", db.url(), "--user", "postgres", "--path", "db/migrations", "--manifest",
                "db/migrations/manifest.txt"};
        CliRun adopt = CliRun.run(wd, concat(new String[]{"adopt", "golang-migrate"}, target));
        assertThat(adopt.exitCode()).as(adopt.toString()).isZero();
        assertThat(adopt.out()).contains("adopted 1 migration(s) from golang-migrate's schema_migrations");
        CliRun migrate = CliRun.run(wd, concat(new String[]{"migrate"}, target));
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out()).contains("2_email").doesNotContain("1_users.up.sql");
    }

    @Test
    void aFlywayProjectWithRepeatablesGetsItsStagesAndEveryLeftOutFileIsListed() {
        MigrationFolder flyway = new MigrationFolder(wd.resolve("flyway"));
        flyway.write("V1__init.sql", "CREATE TABLE t (id int);\n");
        flyway.write("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id FROM t;\n");
        flyway.write("afterMigrate.sql", "ANALYZE;\n");

        CliRun run = CliRun.run(wd, "import", "flyway", "flyway", "--to", "db/bascule", "--manifest", "db/manifest.txt");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains("  R__view.sql -> repeatable/1_view.up.sql  [repeatable: runs again when it changes]",
                "add these stages to the environment in bascule.yml", "      - name: repeatable",
                "        manifest: db/manifest.txt");
        assertThat(run.err()).contains("not converted (1):", "flyway/afterMigrate.sql: a Flyway callback");
        assertThat(wd.resolve("db/manifest.txt")).exists();
    }

    @Test
    void anUnknownToolOrAMissingFolderIsAUsageError() {
        CliRun unknown = CliRun.run(wd, "import", "liquibase", "x", "--to", "y");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("import liquibase: no such tool; known: [dbmate, flyway, golang-migrate, prisma]");
        CliRun missing = CliRun.run(wd, "import", "dbmate", "nowhere", "--to", "y");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("is not a folder");
        assertThat(CliRun.run(wd, "import", "dbmate", "nowhere").exitCode()).isEqualTo(2);
    }

    @Test
    void helpListsTheTools() {
        CliRun help = CliRun.run(wd, "import", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("golang-migrate, dbmate or prisma", "--manifest=FILE", "Exit 3 when a file");
        CliRun adoptHelp = CliRun.run(wd, "help", "adopt");
        assertThat(adoptHelp.out()).contains("golang-migrate, dbmate or prisma", "a dirty one is");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
