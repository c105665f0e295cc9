package dev.bascule.adopt;

import dev.bascule.Bascule;
import dev.bascule.Importers;
import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;
import dev.bascule.run.HistoryAdopter;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** dbmate: databases migrated by {@link DbmateRunner} (dbmate's own rules), adopted and imported. */
@ExtendWith(EmbeddedPostgresExtension.class)
class DbmateTest {

    @TempDir
    Path tmp;

    private MigrationFolder project() {
        MigrationFolder f = new MigrationFolder(tmp.resolve("dbmate"));
        f.write("20240101100000_create_users.sql", "-- migrate:up\nCREATE TABLE users (id bigserial PRIMARY KEY, name text);\n"
                + "CREATE TYPE mood AS ENUM ('ok', 'meh');\n\n-- migrate:down\nDROP TYPE mood;\nDROP TABLE users;\n");
        f.write("20240102100000_index_names.sql", "-- migrate:up transaction:false\n"
                + "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n\n"
                + "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY users_name_idx;\n");
        f.write("20240103100000_add_mood.sql", "-- migrate:up\nALTER TABLE users ADD COLUMN mood mood NOT NULL DEFAULT 'ok';\n\n"
                + "-- migrate:down\n\n");
        return f;
    }

    private static void newerFile(MigrationFolder f) {
        f.write("20240104100000_add_value.sql", "-- migrate:up transaction:false\nALTER TYPE mood ADD VALUE 'great';\n\n"
                + "-- migrate:down\n");
    }

    private static List<String> fileNames(List<Migration> migrations) {
        return migrations.stream().map(Migration::fileName).toList();
    }

    @Test
    void convertsSectionsIntoUpAndDownFilesWithTheirTransactionOptions() {
        MigrationFolder f = project();
        f.write("20240105100000_two_sections.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n"
                + "-- migrate:up\nSELECT 3;\n-- migrate:down\nSELECT 4;\n");
        f.write("20240106100000_no_up.sql", "CREATE TABLE x (id int);\n");
        f.write("20240107100000_before_up.sql", "CREATE TABLE x (id int);\n-- migrate:up\nSELECT 1;\n");
        f.write("20240108100000_in_transaction.sql", "-- migrate:up\nSELECT 1;\nCREATE INDEX CONCURRENTLY x_idx ON users (id);\n");
        f.write("schema.sql", "-- dbmate's dump\n");
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "dbmate", f.dir());
        Importers.Report report = project.report;

        assertThat(report.converted()).extracting(c -> c.target() + " " + c.note()).containsExactly(
                "20240101100000_create_users.up.sql ",
                "20240101100000_create_users.down.sql ",
                "20240102100000_index_names.up.sql no transaction (transaction:false on its '-- migrate:' line)",
                "20240102100000_index_names.down.sql no transaction (transaction:false on its '-- migrate:' line)",
                "20240103100000_add_mood.up.sql ",
                "20240108100000_in_transaction.up.sql no transaction (line 3: CREATE INDEX CONCURRENTLY cannot run"
                        + " inside a transaction block)");
        assertThat(report.notConverted()).extracting(Problem::toString).containsExactly(
                f.path() + "/20240105100000_two_sections.sql: several '-- migrate:up'/'-- migrate:down' sections: Bascule"
                        + " keeps one up and one down script per version; split the file into one migration per section"
                        + " and import again",
                f.path() + "/20240106100000_no_up.sql: no '-- migrate:up' section: dbmate refuses such a file",
                f.path() + "/20240107100000_before_up.sql:1: statements before '-- migrate:up': dbmate refuses such a file",
                f.path() + "/schema.sql: not a dbmate migration name (<version>_<name>.sql)");
        assertThat(report.warnings()).extracting(Problem::toString).containsExactly(f.path() + "/20240108100000_in_transaction.sql"
                + " (migrate:up): dbmate runs this section in a transaction, where it fails (line 3: CREATE INDEX"
                + " CONCURRENTLY cannot run inside a transaction block); converted to run without one");
        assertThat(project.file("20240102100000_index_names.up.sql")).isEqualTo("-- bascule:no-transaction\n"
                + "-- imported from dbmate: 20240102100000_index_names.sql (migrate:up), version 20240102100000\n"
                + "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n\n");
        assertThat(project.file("20240101100000_create_users.down.sql")).endsWith("DROP TYPE mood;\nDROP TABLE users;\n");
    }

    @Test
    void warnsWhereFileNameOrderAndVersionOrderDiffer() {
        MigrationFolder f = new MigrationFolder(tmp.resolve("dbmate"));
        f.write("10_b.sql", "-- migrate:up\nSELECT 1;\n");
        f.write("9_a.sql", "-- migrate:up\nSELECT 1;\n");
        Importers.Report report = ImportedProject.importInto(tmp.resolve("app"), "dbmate", f.dir()).report;
        assertThat(report.warnings()).extracting(Problem::toString).containsExactly(f.path() + "/9_a.sql:"
                + " dbmate ran it after 10_b.sql (file-name order) but Bascule runs it first (version order:"
                + " 9 < 10): check the two do not depend on each other, or rename one");
    }

    @Test
    void adoptThenMigrateRunsOnlyNewerFilesAndEveryRouteBuildsTheSameSchema(TestDatabase db, TestDatabase dbmateOnly,
                                                                           TestDatabase basculeOnly) throws Exception {
        MigrationFolder f = project();
        DbmateRunner.migrate(db, f.dir());
        newerFile(f);
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "dbmate", f.dir());
        Bascule bascule = project.bascule(db);

        HistoryAdopter.Result adopted = bascule.adopt("dbmate");
        assertThat(fileNames(adopted.adopted())).containsExactly("20240101100000_create_users.up.sql",
                "20240102100000_index_names.up.sql", "20240103100000_add_mood.up.sql");
        assertThat(adopted.unknown()).isEmpty();
        assertThat(fileNames(bascule.migrate().applied())).containsExactly("20240104100000_add_value.up.sql");
        assertThat(db.column("SELECT count(*) FROM schema_migrations")).containsExactly("3");

        DbmateRunner.migrate(dbmateOnly, f.dir());
        assertThat(project.bascule(basculeOnly).migrate().applied()).hasSize(4);
        assertThat(SchemaSnapshot.of(db)).isEqualTo(SchemaSnapshot.of(dbmateOnly)).isEqualTo(SchemaSnapshot.of(basculeOnly))
                .contains("enum mood ok,meh,great");
    }

    @Test
    void aVersionWithoutAFileIsReportedAndTheRestAdopted(TestDatabase db) throws Exception {
        MigrationFolder f = project();
        DbmateRunner.migrate(db, f.dir());
        db.execute("INSERT INTO schema_migrations VALUES ('20230101000000')");
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "dbmate", f.dir());
        HistoryAdopter.Result adopted = project.bascule(db).adopt("dbmate");
        assertThat(adopted.adopted()).hasSize(3);
        assertThat(adopted.unknown()).singleElement().asString().contains("dbmate recorded version '20230101000000'");
    }
}
