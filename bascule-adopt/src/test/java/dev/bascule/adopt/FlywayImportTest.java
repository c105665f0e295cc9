package dev.bascule.adopt;

import dev.bascule.Bascule;
import dev.bascule.Importers;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code bascule import flyway}: names, versions, transactions, repeatables, and every file it leaves out. */
@ExtendWith(EmbeddedPostgresExtension.class)
@Timeout(120) // Flyway's own waits have no limit: a test that hangs fails instead
class FlywayImportTest {

    @TempDir
    Path tmp;

    private MigrationFolder tree() {
        MigrationFolder f = new MigrationFolder(tmp.resolve("flyway"));
        f.write("V1__init.sql", "CREATE TABLE accounts (id int PRIMARY KEY);\n");
        f.write("V1_1__add_name.sql", "ALTER TABLE accounts ADD COLUMN name text;\n");
        f.write("V1_10__add_email.sql", "ALTER TABLE accounts ADD COLUMN email text;\n");
        f.write("U1_1__add_name.sql", "ALTER TABLE accounts DROP COLUMN name;\n");
        f.write("V2__index.sql", "-- built without blocking writes\nCREATE INDEX CONCURRENTLY accounts_name_idx ON accounts (name);\n");
        f.write("V3__backfill.sql", "UPDATE accounts SET name = '' WHERE name IS NULL;\n");
        f.write("V3__backfill.sql.conf", "executeInTransaction=false\n");
        f.write("R__b_view.sql", "CREATE OR REPLACE VIEW b_view AS SELECT id FROM accounts;\n");
        f.write("R__a_function.sql", "CREATE OR REPLACE FUNCTION a_function() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n");
        new MigrationFolder(f.resolve("nested")).write("V4_0_1__nested.sql", "CREATE TABLE nested (id int);\n");
        return f;
    }

    private void unconvertible(MigrationFolder f) {
        f.write("V5__schema.sql", "-- placeholders\nCREATE TABLE ${schema}.things (id int);\n");
        f.write("beforeMigrate.sql", "SET lock_timeout = '5s';\n");
        f.write("B6__baseline.sql", "CREATE TABLE everything (id int);\n");
        f.write("V1_0__duplicate.sql", "SELECT 1;\n");
        f.write("U9__orphan.sql", "SELECT 1;\n");
        f.write("V7__java.java", "class V7__java {}\n");
        f.write("README.md", "migrations\n");
        f.write("V8__quote.sql", "SELECT 'unterminated;\n");
    }

    @Test
    void convertsNamesVersionsTransactionsAndRepeatables() {
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "flyway", tree().dir());
        Importers.Report report = project.report;

        assertThat(report.converted()).extracting(c -> c.source() + " -> " + c.target()).containsExactly(
                "V1__init.sql -> 1000_init.up.sql",
                "V1_1__add_name.sql -> 1010_add_name.up.sql",
                "U1_1__add_name.sql -> 1010_add_name.down.sql",
                "V1_10__add_email.sql -> 1100_add_email.up.sql",
                "V2__index.sql -> 2000_index.up.sql",
                "V3__backfill.sql -> 3000_backfill.up.sql",
                "nested/V4_0_1__nested.sql -> 4001_nested.up.sql",
                "R__a_function.sql -> repeatable/1_a_function.up.sql",
                "R__b_view.sql -> repeatable/2_b_view.up.sql");
        assertThat(report.versions()).contains("up to 3 parts", "widths [2, 1]", "4.0.1 becomes 4001");
        assertThat(report.notConverted()).isEmpty();
        assertThat(report.converted().get(4).note()).isEqualTo("no transaction (line 2: CREATE INDEX CONCURRENTLY cannot run"
                + " inside a transaction block)");
        assertThat(report.converted().get(5).note()).contains("executeInTransaction=false");

        assertThat(project.file("1000_init.up.sql")).isEqualTo("-- imported from flyway: V1__init.sql, version 1\n"
                + "CREATE TABLE accounts (id int PRIMARY KEY);\n");
        assertThat(project.file("2000_index.up.sql")).startsWith("-- bascule:no-transaction\n"
                + "-- imported from flyway: V2__index.sql, version 2\n-- built without blocking writes\n");
        assertThat(project.file("1010_add_name.down.sql")).contains("DROP COLUMN name");
        assertThat(project.file("manifest.txt").lines().filter(l -> !l.startsWith("#")))
                .containsExactly("1000_init.up.sql", "1010_add_name.up.sql", "1100_add_email.up.sql", "2000_index.up.sql",
                        "3000_backfill.up.sql", "4001_nested.up.sql");
        assertThat(project.file("repeatable/manifest.txt").lines().filter(l -> !l.startsWith("#")))
                .containsExactly("1_a_function.up.sql", "2_b_view.up.sql");
        assertThat(report.stages()).hasValue("stages:\n  - name: main\n    paths: [db/migrations]\n"
                + "    manifest: db/migrations/manifest.txt\n  - name: repeatable\n    paths: [db/migrations/repeatable]\n"
                + "    manifest: db/migrations/repeatable/manifest.txt\n    mode: repeatable\n    rerun: on-change\n");
    }

    @Test
    void everyFileLeftOutIsNamedWithTheReason() {
        MigrationFolder f = tree();
        unconvertible(f);
        Importers.Report report = ImportedProject.importInto(tmp.resolve("app"), "flyway", f.dir()).report;
        assertThat(report.notConverted()).extracting(Problem::toString).containsExactlyInAnyOrder(
                f.path() + "/B6__baseline.sql: a Flyway baseline migration (B prefix): Bascule runs the versioned files"
                        + " themselves; databases Flyway baselined are adopted with 'bascule adopt flyway'",
                f.path() + "/README.md: not a Flyway SQL migration (they end in .sql)",
                f.path() + "/V1_0__duplicate.sql: version '1' like [V1__init.sql]: Flyway refuses two migrations with"
                        + " one version; keep the one that ran, then import again",
                f.path() + "/V1__init.sql: version '1' like [V1_0__duplicate.sql]: Flyway refuses two migrations with"
                        + " one version; keep the one that ran, then import again",
                f.path() + "/U9__orphan.sql: an undo file for version 9, which no V file has: nothing to attach it to",
                f.path() + "/V5__schema.sql:2: uses the Flyway placeholder ${schema}, which Flyway replaced before running:"
                        + " Bascule has no placeholders; write its value into the file (or set placeholderReplacement=false"
                        + " in its .sql.conf when the text is meant literally) and import again",
                f.path() + "/V7__java.java: a Flyway Java-based migration: Bascule runs SQL files only; rewrite it as SQL",
                f.path() + "/V8__quote.sql:1: cannot be split into statements: unterminated quoted string starting"
                        + " here; close it with ' (write '' for a quote inside the string)",
                f.path() + "/beforeMigrate.sql: a Flyway callback, not a migration: Bascule does not run callbacks;"
                        + " re-create what it does another way (a repeatable file, or a command around 'bascule migrate')");
        assertThat(report.converted()).hasSize(8).noneMatch(c -> c.source().equals("V1__init.sql"));
    }

    @Test
    void importingAgainChangesNothingAndNeverOverwritesOtherContent() throws Exception {
        MigrationFolder f = tree();
        Path app = tmp.resolve("app");
        ImportedProject.importInto(app, "flyway", f.dir());
        Path init = app.resolve("db/migrations/1000_init.up.sql");
        String before = Files.readString(init);
        assertThat(ImportedProject.importInto(app, "flyway", f.dir()).report.converted()).hasSize(9);
        assertThat(Files.readString(init)).isEqualTo(before);

        Files.writeString(init, before + "-- edited\n");
        f.write("V9__later.sql", "SELECT 1;\n");
        assertThatThrownBy(() -> ImportedProject.importInto(app, "flyway", f.dir()))
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("2 file(s) already exist with other content: db/migrations/1000_init.up.sql,"
                        + " db/migrations/manifest.txt")
                .hasMessageContaining("nothing was written");
        assertThat(app.resolve("db/migrations/9000_later.up.sql")).doesNotExist();
    }

    @Test
    void aFreshDatabaseMigratedFromTheImportMatchesWhatFlywayBuilt(TestDatabase flywayDb, TestDatabase basculeDb) {
        MigrationFolder f = tree();
        FlywayAdoptionTest.configure(flywayDb, f).load().migrate();
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "flyway", f.dir());
        Bascule bascule = project.bascule(basculeDb);

        assertThat(bascule.migrate().applied()).hasSize(8);
        assertThat(project.warnings).isEmpty();
        assertThat(SchemaSnapshot.of(basculeDb)).isEqualTo(SchemaSnapshot.of(flywayDb))
                .contains("index CREATE INDEX accounts_name_idx ON public.accounts USING btree (name)")
                .anyMatch(l -> l.startsWith("function a_function"));
    }
}
