package dev.bascule.cli;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code init --preset milmove}, {@code adopt pop} and staged status, through the command line. */
@ExtendWith(EmbeddedPostgresExtension.class)
class StagesCliTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    private Run bascule(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BasculeCommand.execute(dir, new java.io.BufferedReader(new java.io.StringReader("")), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A tiny tree in MilMove's layout: one legacy, one DDL view, one DML file. */
    private void milmoveTree() {
        MigrationFolder app = new MigrationFolder(dir.resolve("migrations/app"));
        MigrationFolder schema = new MigrationFolder(dir.resolve("migrations/app/schema"));
        new MigrationFolder(dir.resolve("migrations/app/secure"));
        schema.write("20180101000000_create_moves.up.fizz", "create_table(\"moves\") {\n  t.Column(\"id\", \"uuid\", {primary: true})\n"
                + "  t.Column(\"status\", \"string\", {})\n}\n");
        schema.write("20250301000000_B-1_add_move.up.sql", "INSERT INTO moves VALUES (gen_random_uuid(), 'DRAFT', now(), now());");
        app.write("migrations_manifest.txt", "# legacy\n20180101000000_create_moves.up.fizz\n");
        app.write("dml_migrations_manifest.txt", "# dml\n20250301000000_B-1_add_move.up.sql\n");
        for (String set : new String[]{"types", "tables", "views", "functions"}) {
            new MigrationFolder(dir.resolve("migrations/app/ddl_migrations/ddl_" + set));
            app.write("ddl_" + set + "_manifest.txt", "# " + set + "\n");
        }
        new MigrationFolder(dir.resolve("migrations/app/ddl_migrations/ddl_views"))
                .write("20250201000000_vw_move_count.up.sql", "CREATE OR REPLACE VIEW move_count AS SELECT count(*) AS n FROM moves;");
        app.write("ddl_views_manifest.txt", "# views\n20250201000000_vw_move_count.up.sql\n");
    }

    @Test
    void initWithTheMilmovePresetWritesAConfigThatMigratesTheTree(TestDatabase db) throws IOException {
        milmoveTree();
        Run init = bascule("init", "--preset", "milmove");
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(Files.readString(dir.resolve("bascule.yml"))).contains("preset: milmove", "root: migrations/app");
        assertThat(bascule("init", "--preset", "milmove").err()).contains("already exists").contains("--force");

        Run migrate = bascule("migrate", "--url", db.url(), "--user", "postgres");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).containsSubsequence("applying 20180101000000_create_moves.up.fizz",
                "applying 20250201000000_vw_move_count.up.sql", "applying 20250301000000_B-1_add_move.up.sql",
                "applied 3 migration(s)");
        assertThat(db.column("SELECT n FROM move_count")).containsExactly("1");

        Run status = bascule("status", "--url", db.url(), "--user", "postgres");
        assertThat(status.out().lines().findFirst().orElseThrow()).startsWith("STAGE").contains("VERSION");
        assertThat(status.out()).containsPattern("ddl_views\\s+20250201000000\\s+vw_move_count\\s+repeatable\\s+applied");
        assertThat(bascule("status", "--json", "--url", db.url(), "--user", "postgres").out())
                .contains("\"stage\" : \"dml\"", "\"kind\" : \"repeatable\"");
    }

    @Test
    void adoptPopImportsSchemaMigrationAndMigrateContinues(TestDatabase db) {
        milmoveTree();
        bascule("init", "--preset", "milmove");
        db.execute("CREATE TABLE schema_migration (version varchar(14) NOT NULL);"
                + " INSERT INTO schema_migration VALUES ('20180101000000');"
                + " CREATE TABLE moves (id uuid PRIMARY KEY, status varchar(255) NOT NULL,"
                + " created_at timestamp NOT NULL, updated_at timestamp NOT NULL);");
        Run adopt = bascule("adopt", "pop", "--url", db.url(), "--user", "postgres");
        assertThat(adopt.exitCode()).as(adopt.err()).isZero();
        assertThat(adopt.out()).contains("adopted 1 migration(s) from Pop's schema_migration");

        Run migrate = bascule("migrate", "--url", db.url(), "--user", "postgres");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).doesNotContain("create_moves").contains("applied 2 migration(s)");
        assertThat(bascule("adopt", "pop", "--url", db.url(), "--user", "postgres").out())
                .contains("adopted 0 migration(s)", "1 already recorded");
    }

    @Test
    void genMigrationListsTheNewFileInTheDmlManifestNotTheArchivedOne() throws IOException {
        milmoveTree();
        bascule("init", "--preset", "milmove");
        Run gen = bascule("gen", "migration", "-n", "add_widgets");
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        String dml = Files.readString(dir.resolve("migrations/app/dml_migrations_manifest.txt"));
        assertThat(dml.lines().reduce((a, b) -> b).orElseThrow()).endsWith("_add_widgets.up.sql");
        assertThat(Files.readString(dir.resolve("migrations/app/migrations_manifest.txt"))).doesNotContain("add_widgets");
        try (var files = Files.list(dir.resolve("migrations/app/schema"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith("_add_widgets.up.sql"));
        }
    }

    @Test
    void adoptPopInBasculeYmlAdoptsOnTheFirstMigrate(TestDatabase db) throws IOException {
        milmoveTree();
        Files.writeString(dir.resolve("bascule.yml"), "environments:\n  dev:\n    preset: milmove\n    adopt: pop\n");
        db.execute("CREATE TABLE schema_migration (version varchar(14) NOT NULL);"
                + " INSERT INTO schema_migration VALUES ('20180101000000');"
                + " CREATE TABLE moves (id uuid PRIMARY KEY, status varchar(255) NOT NULL,"
                + " created_at timestamp NOT NULL, updated_at timestamp NOT NULL);");
        Run migrate = bascule("migrate", "--url", db.url(), "--user", "postgres");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.err()).contains("adopted 1 migration(s) from Pop's schema_migration");
        assertThat(migrate.out()).doesNotContain("create_moves").contains("applied 2 migration(s)");
    }

    @Test
    void updateManifestAsksWhichStage() {
        milmoveTree();
        bascule("init", "--preset", "milmove");
        Run run = bascule("update-manifest");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("has stages [legacy, ddl_types, ddl_tables, ddl_views, ddl_functions, dml]",
                "--stage NAME");
        Run views = bascule("update-manifest", "--stage", "ddl_views");
        assertThat(views.exitCode()).as(views.err()).isZero();
        assertThat(views.out()).contains("ddl_views_manifest.txt with 1 migration(s)");
    }
}
