package dev.bascule.catalog;

import dev.bascule.error.Problem;
import dev.bascule.source.LocalFolderSource;
import dev.bascule.testing.MigrationFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files that look like migrations but would never run, or would fail only once sent: reported when the catalog is
 * read (issue 15, item 6), never skipped in silence.
 */
class AlmostMigrationsTest {

    @TempDir
    Path tmp;

    private static Catalog load(MigrationFolder folder, Optional<Manifest> manifest) {
        return new CatalogLoader(List.of(new LocalFolderSource(folder.dir(), false)), manifest).load();
    }

    private static Catalog load(MigrationFolder folder) {
        return load(folder, Optional.empty());
    }

    @Test
    void aNulByteIsAProblemAtItsLineAndColumn() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.writeBytes("1_nul.up.sql", "CREATE TABLE t (x int);\nINSERT INTO t VALUES (1);\0\n".getBytes());
        Catalog catalog = load(m);
        assertThat(catalog.migrations()).isEmpty();
        assertThat(catalog.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(m.resolve("1_nul.up.sql").toString());
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).startsWith("column 26: holds a NUL byte");
        });
    }

    @Test
    void danglingAndLoopingLinksAndDirectoriesNamedLikeMigrationsAreProblems() throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_ok.up.sql", "SELECT 1;");
        Files.createSymbolicLink(m.resolve("2_dangling.up.sql"), Path.of("gone.sql"));
        Files.createSymbolicLink(m.resolve("3_loop.up.sql"), Path.of("3_loop.up.sql"));
        Files.createDirectory(m.resolve("4_folder.up.sql"));
        Files.createDirectory(m.resolve("archive")); // an ordinary folder beside migrations stays fine
        Files.createSymbolicLink(m.resolve("notes.txt"), Path.of("gone.txt"));
        Catalog catalog = load(m);
        assertThat(catalog.migrations()).extracting(Migration::fileName).containsExactly("1_ok.up.sql");
        assertThat(catalog.problems()).extracting(Problem::toString).containsExactly(
                m.resolve("2_dangling.up.sql") + ": is a symbolic link to gone.sql, which does not exist, so it cannot be run:"
                        + " make it a regular file holding the migration, or move it out of the migration path",
                m.resolve("3_loop.up.sql") + ": is a symbolic link (to 3_loop.up.sql) that loops back on itself, so it"
                        + " cannot be run: make it a regular file holding the migration, or move it out of the migration path",
                m.resolve("4_folder.up.sql") + ": is a directory, not a file, so it cannot be run: make it a regular file"
                        + " holding the migration, or move it out of the migration path");
    }

    @Test
    void anUpperCaseSuffixIsAProblemNamingTheRightName() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.UP.SQL", "SELECT 1;");
        m.write("2_b.up.Sql", "SELECT 2;");
        m.write("README.SQL", "not a migration name at all");
        Catalog catalog = load(m);
        assertThat(catalog.migrations()).isEmpty();
        assertThat(catalog.problems()).extracting(Problem::message).containsExactly(
                "its suffix is not in lower case, so it would never run: rename it to 1_a.up.sql",
                "its suffix is not in lower case, so it would never run: rename it to 2_b.up.sql");
    }

    @Test
    void aDownFileWithoutItsUpFileIsAWarningNotAProblem() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "SELECT 1;");
        m.write("1_a.down.sql", "SELECT -1;");
        m.write("2_renamed.down.sql", "SELECT -2;");
        Catalog catalog = load(m);
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.warnings()).extracting(Problem::toString).containsExactly(m.resolve("2_renamed.down.sql")
                + ": is a down migration without its up file 2_renamed.up.sql in any path: it is never used; rename it"
                + " to match its up file or delete it");
    }

    @Test
    void aByteOrderMarkAtTheStartOfAManifestIsIgnored() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "SELECT 1;");
        Manifest manifest = Manifest.parse("manifest.txt", "\uFEFF1_a.up.sql\n");
        Catalog catalog = load(m, Optional.of(manifest));
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.migrations()).extracting(Migration::fileName).containsExactly("1_a.up.sql");
    }
}
