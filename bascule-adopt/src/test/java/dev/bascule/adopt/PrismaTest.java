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

/** Prisma Migrate: databases migrated by {@link PrismaRunner} (Prisma's schema engine rules), adopted and imported. */
@ExtendWith(EmbeddedPostgresExtension.class)
class PrismaTest {

    @TempDir
    Path tmp;

    private MigrationFolder project() {
        MigrationFolder root = new MigrationFolder(tmp.resolve("prisma"));
        root.write("migration_lock.toml", "provider = \"postgresql\"\n");
        new MigrationFolder(root.resolve("20240101120000_init")).write("migration.sql",
                "-- CreateEnum\nCREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN', 'GUEST');\n\n"
                + "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" SERIAL NOT NULL,\n    \"email\" TEXT NOT NULL,\n"
                + "    \"role\" \"Role\" NOT NULL DEFAULT 'USER',\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n\n"
                + "-- CreateIndex\nCREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n");
        // What Prisma writes to remove an enum value: its own transaction in the middle of the file.
        new MigrationFolder(root.resolve("20240102120000_drop_guest")).write("migration.sql",
                "-- AlterEnum\nBEGIN;\nCREATE TYPE \"Role_new\" AS ENUM ('USER', 'ADMIN');\n"
                + "ALTER TABLE \"User\" ALTER COLUMN \"role\" DROP DEFAULT;\n"
                + "ALTER TABLE \"User\" ALTER COLUMN \"role\" TYPE \"Role_new\" USING (\"role\"::text::\"Role_new\");\n"
                + "ALTER TYPE \"Role\" RENAME TO \"Role_old\";\nALTER TYPE \"Role_new\" RENAME TO \"Role\";\n"
                + "DROP TYPE \"Role_old\";\nALTER TABLE \"User\" ALTER COLUMN \"role\" SET DEFAULT 'USER';\nCOMMIT;\n\n"
                + "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\n");
        return root;
    }

    private static void newerFolder(MigrationFolder root) {
        new MigrationFolder(root.resolve("20240103120000_posts")).write("migration.sql",
                "-- CreateTable\nCREATE TABLE \"Post\" (\n    \"id\" SERIAL NOT NULL,\n    \"authorId\" INTEGER NOT NULL,\n"
                + "    CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\")\n);\n\n-- AddForeignKey\nALTER TABLE \"Post\" ADD"
                + " CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\") ON DELETE"
                + " RESTRICT ON UPDATE CASCADE;\n");
    }

    private static List<String> fileNames(List<Migration> migrations) {
        return migrations.stream().map(Migration::fileName).toList();
    }

    @Test
    void convertsFoldersKeepingTimestampsAndTransactionSemantics() {
        MigrationFolder root = project();
        new MigrationFolder(root.resolve("0_init")).write("migration.sql", "CREATE TABLE baseline (id int);\n");
        new MigrationFolder(root.resolve("notes")).write("migration.sql", "SELECT 1;\n");
        new MigrationFolder(root.resolve("20240104120000_empty")).write("README.md", "x\n");
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "prisma", root.dir());
        Importers.Report report = project.report;

        assertThat(report.converted()).extracting(c -> c.source() + " -> " + c.target() + " " + c.note()).containsExactly(
                "0_init/migration.sql -> 1_init.up.sql ",
                "20240101120000_init/migration.sql -> 20240101120000_init.up.sql ",
                "20240102120000_drop_guest/migration.sql -> 20240102120000_drop_guest.up.sql no transaction (line 2:"
                        + " BEGIN: the file controls its own transactions)");
        assertThat(report.notConverted()).extracting(Problem::toString).containsExactly(
                root.path() + "/20240104120000_empty/README.md: Prisma runs only migration.sql of a migration folder;"
                        + " this file was never run",
                root.path() + "/20240104120000_empty: no migration.sql in this migration folder",
                root.path() + "/notes: not a Prisma migration folder name (<timestamp>_<name>): no version");
        assertThat(project.file("1_init.up.sql")).startsWith("-- imported from prisma: 0_init/migration.sql, version 0_init\n");
        assertThat(project.file("20240102120000_drop_guest.up.sql")).startsWith("-- bascule:no-transaction\n"
                + "-- imported from prisma: 20240102120000_drop_guest/migration.sql, version 20240102120000_drop_guest\n"
                + "-- AlterEnum\nBEGIN;\n");
    }

    @Test
    void adoptThenMigrateRunsOnlyNewerFoldersAndEveryRouteBuildsTheSameSchema(TestDatabase db, TestDatabase prismaOnly,
                                                                             TestDatabase basculeOnly) throws Exception {
        MigrationFolder root = project();
        PrismaRunner.deploy(db, root.dir());
        newerFolder(root);
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "prisma", root.dir());
        Bascule bascule = project.bascule(db);

        HistoryAdopter.Result adopted = bascule.adopt("prisma");
        assertThat(fileNames(adopted.adopted())).containsExactly("20240101120000_init.up.sql",
                "20240102120000_drop_guest.up.sql");
        assertThat(adopted.unknown()).isEmpty();
        assertThat(fileNames(bascule.migrate().applied())).containsExactly("20240103120000_posts.up.sql");
        assertThat(db.column("SELECT count(*) FROM _prisma_migrations")).containsExactly("2");

        PrismaRunner.deploy(prismaOnly, root.dir());
        assertThat(project.bascule(basculeOnly).migrate().applied()).hasSize(3);
        assertThat(SchemaSnapshot.of(db)).isEqualTo(SchemaSnapshot.of(prismaOnly)).isEqualTo(SchemaSnapshot.of(basculeOnly))
                .contains("enum Role USER,ADMIN");
    }

    @Test
    void aFailedMigrationIsRefusedAndARolledBackOneIsNotAdopted(TestDatabase db) throws Exception {
        MigrationFolder root = project();
        new MigrationFolder(root.resolve("20240103120000_broken")).write("migration.sql",
                "CREATE TABLE \"Broken\" (\"id\" INTEGER);\nSELECT 1 / 0;\n");
        assertThatThrownBy(() -> PrismaRunner.deploy(db, root.dir())).isInstanceOf(SQLException.class);
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "prisma", root.dir());

        assertThatThrownBy(() -> project.bascule(db).adopt("prisma"))
                .isInstanceOf(BasculeException.ValidationFailed.class)
                .hasMessageContaining("Prisma recorded migration 20240103120000_broken")
                .hasMessageContaining("'prisma migrate resolve --applied 20240103120000_broken' (or --rolled-back)");
        // The one simple query was one implicit transaction: nothing of the failed file is left.
        assertThat(db.tableExists("Broken")).isFalse();

        // What 'prisma migrate resolve --rolled-back' writes; the folder is not adopted, so Bascule runs it (fixed).
        db.execute("UPDATE _prisma_migrations SET rolled_back_at = now() WHERE finished_at IS NULL");
        new MigrationFolder(root.resolve("20240103120000_broken")).write("migration.sql", "CREATE TABLE \"Broken\" (\"id\" INTEGER);\n");
        ImportedProject fixed = ImportedProject.importInto(tmp.resolve("app2"), "prisma", root.dir());
        Bascule bascule = fixed.bascule(db);
        assertThat(bascule.adopt("prisma").adopted()).hasSize(2);
        assertThat(fileNames(bascule.migrate().applied())).containsExactly("20240103120000_broken.up.sql");
    }

    @Test
    void aFileChangedAfterPrismaAppliedItIsAdoptedWithAWarning(TestDatabase db) throws Exception {
        MigrationFolder root = project();
        PrismaRunner.deploy(db, root.dir());
        new MigrationFolder(root.resolve("20240101120000_init")).write("migration.sql", "-- edited later\nSELECT 1;\n");
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "prisma", root.dir());
        HistoryAdopter.Result adopted = project.bascule(db).adopt("prisma");
        assertThat(adopted.adopted()).hasSize(2);
        assertThat(adopted.unknown()).singleElement().asString().contains("20240101120000_init.up.sql")
                .contains("differs from the migration.sql Prisma applied");
    }
}
