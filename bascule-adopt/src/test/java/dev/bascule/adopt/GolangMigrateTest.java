package dev.bascule.adopt;

import dev.bascule.Bascule;
import dev.bascule.Importers;
import dev.bascule.catalog.Migration;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.run.HistoryAdopter;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** golang-migrate: databases migrated by {@link GolangMigrateRunner} (golang-migrate's own rules), adopted and imported. */
@ExtendWith(EmbeddedPostgresExtension.class)
class GolangMigrateTest {

    @TempDir
    Path tmp;

    private MigrationFolder project() {
        MigrationFolder f = new MigrationFolder(tmp.resolve("golang"));
        f.write("000001_create_users.up.sql", "CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL);\n"
                + "CREATE TABLE roles (id int PRIMARY KEY, label text);\n");
        f.write("000001_create_users.down.sql", "DROP TABLE roles;\nDROP TABLE users;\n");
        f.write("000002_users_name_index.up.sql", "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n");
        f.write("000002_users_name_index.down.sql", "DROP INDEX CONCURRENTLY users_name_idx;\n");
        // Real projects alter golang-migrate's own table; adoption must not depend on its exact shape.
        f.write("000003_audit_migrations.up.sql", "ALTER TABLE schema_migrations ADD COLUMN applied_at timestamptz"
                + " NOT NULL DEFAULT now();\n");
        f.write("000004_orders.up.sql", "BEGIN;\nCREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint"
                + " REFERENCES users (id));\nCOMMIT;\n");
        return f;
    }

    private static void newerFiles(MigrationFolder f) {
        f.write("000005_add_email.up.sql", "ALTER TABLE users ADD COLUMN email text;\n"
                + "UPDATE users SET email = name || '@example.org';\n");
        f.write("000006_totals.up.sql", "ALTER TABLE orders ADD COLUMN total numeric(10, 2) NOT NULL DEFAULT 0;\n");
    }

    private static List<String> fileNames(List<Migration> migrations) {
        return migrations.stream().map(Migration::fileName).toList();
    }

    @Test
    void convertsFilesKeepingVersionsAndTransactions() {
        MigrationFolder f = project();
        f.write("7_notes.down.sql", "SELECT 1;\n");
        f.write("8_seed.up.json", "{}\n");
        f.write("notes.txt", "x\n");
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "golang-migrate", f.dir());
        Importers.Report report = project.report;

        assertThat(report.converted()).extracting(c -> c.source() + " -> " + c.target() + " " + c.note()).containsExactly(
                "000001_create_users.up.sql -> 1_create_users.up.sql ",
                "000001_create_users.down.sql -> 1_create_users.down.sql ",
                "000002_users_name_index.up.sql -> 2_users_name_index.up.sql no transaction (line 1: CREATE INDEX"
                        + " CONCURRENTLY cannot run inside a transaction block)",
                "000002_users_name_index.down.sql -> 2_users_name_index.down.sql no transaction (line 1: DROP INDEX"
                        + " CONCURRENTLY cannot run inside a transaction block)",
                "000003_audit_migrations.up.sql -> 3_audit_migrations.up.sql ",
                "000004_orders.up.sql -> 4_orders.up.sql no transaction (line 1: BEGIN: the file controls its own"
                        + " transactions)");
        assertThat(report.notConverted()).extracting(Problem::toString).containsExactly(
                f.path() + "/8_seed.up.json: a .json migration: Bascule runs SQL files only",
                f.path() + "/notes.txt: not a golang-migrate migration name (<version>_<name>.up.sql or .down.sql)",
                f.path() + "/7_notes.down.sql: a down file without an up file for version 7: nothing to attach it to");
        assertThat(project.file("1_create_users.up.sql")).isEqualTo("-- imported from golang-migrate:"
                + " 000001_create_users.up.sql, version 1\nCREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL);\n"
                + "CREATE TABLE roles (id int PRIMARY KEY, label text);\n");
        assertThat(project.file("4_orders.up.sql")).startsWith("-- bascule:no-transaction\n-- imported from golang-migrate:");
        assertThat(report.stages()).isEmpty();
    }

    @Test
    void adoptThenMigrateRunsOnlyNewerFilesAndEveryRouteBuildsTheSameSchema(TestDatabase db, TestDatabase golangOnly,
                                                                           TestDatabase basculeOnly) throws Exception {
        MigrationFolder f = project();
        GolangMigrateRunner.up(db, f.dir(), Long.MAX_VALUE);
        assertThat(db.column("SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("4 false");
        newerFiles(f);
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "golang-migrate", f.dir());
        Bascule bascule = project.bascule(db);

        HistoryAdopter.Result adopted = bascule.adopt("golang-migrate");
        assertThat(fileNames(adopted.adopted())).containsExactly("1_create_users.up.sql", "2_users_name_index.up.sql",
                "3_audit_migrations.up.sql", "4_orders.up.sql");
        assertThat(adopted.unknown()).isEmpty();
        assertThat(fileNames(bascule.migrate().applied())).containsExactly("5_add_email.up.sql", "6_totals.up.sql");
        assertThat(db.column("SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("4 false");
        assertThat(bascule.adopt("golang-migrate").alreadyRecorded()).isEqualTo(4);

        GolangMigrateRunner.up(golangOnly, f.dir(), Long.MAX_VALUE);
        // Migration 3 alters golang-migrate's own table (the import warns): a database built by Bascule alone needs it.
        assertThat(project.report.warnings()).singleElement().asString()
                .contains("000003_audit_migrations.up.sql:1: uses golang-migrate's own table schema_migrations");
        basculeOnly.execute("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
        assertThat(project.bascule(basculeOnly).migrate().applied()).hasSize(6);
        assertThat(SchemaSnapshot.of(db)).isEqualTo(SchemaSnapshot.of(golangOnly)).isEqualTo(SchemaSnapshot.of(basculeOnly))
                .contains("index CREATE INDEX users_name_idx ON public.users USING btree (name)");
    }

    @Test
    void adoptsEverythingUpToTheRecordedVersionOnly(TestDatabase db) throws Exception {
        MigrationFolder f = project();
        GolangMigrateRunner.up(db, f.dir(), 2);
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "golang-migrate", f.dir());
        Bascule bascule = project.bascule(db, "adopt: golang-migrate");
        // adopt: on the first migrate, then the rest runs.
        assertThat(fileNames(bascule.migrate().applied())).containsExactly("3_audit_migrations.up.sql", "4_orders.up.sql");
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations WHERE applied_by = 'golang-migrate-adopt'"))
                .containsExactly("2");
    }

    @Test
    void aDirtyVersionIsRefusedWithWhatToDo(TestDatabase db) throws Exception {
        MigrationFolder f = project();
        f.write("000003_audit_migrations.up.sql", "CREATE TABLE audit (id int);\nSELECT 1 / 0;\n");
        assertThatThrownBy(() -> GolangMigrateRunner.up(db, f.dir(), Long.MAX_VALUE)).isInstanceOf(SQLException.class);
        assertThat(db.column("SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("3 true");
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "golang-migrate", f.dir());

        assertThatThrownBy(() -> project.bascule(db).adopt("golang-migrate"))
                .isInstanceOf(BasculeException.ValidationFailed.class)
                .hasMessageContaining("golang-migrate marked version 3 dirty")
                .hasMessageContaining("'migrate force 3'").hasMessageContaining("'bascule adopt golang-migrate' again");
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("0");
    }

    @Test
    void dbmatesTableOfTheSameNameIsNotTakenForGolangMigrates(TestDatabase db) {
        MigrationFolder f = project();
        db.execute("CREATE TABLE schema_migrations (version varchar(255) PRIMARY KEY); INSERT INTO schema_migrations VALUES ('1')");
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "golang-migrate", f.dir());
        HistoryAdopter.Result result = project.bascule(db).adopt("golang-migrate");
        assertThat(result.adopted()).isEmpty();
        assertThat(result.unknown()).singleElement().asString().contains("with a 'dirty' column", "try 'bascule adopt dbmate'");
    }
}
