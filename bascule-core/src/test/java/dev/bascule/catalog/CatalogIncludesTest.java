package dev.bascule.catalog;

import dev.bascule.source.Location;
import dev.bascule.source.LocalFolderSource;
import dev.bascule.source.MigrationSource;
import dev.bascule.source.SourceSettings;
import dev.bascule.source.Sources;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.Statement;
import dev.bascule.testing.MigrationFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code \i} / {@code \ir} in migrations: found from every kind of location, covered by the checksum. */
class CatalogIncludesTest {

    @TempDir
    Path tmp;

    private Catalog load(Path workingDirectory, MigrationSource source) {
        return new CatalogLoader(Stage.single(List.of(source.location()), java.util.Set.of(), Optional.empty()),
                List.of(source), Optional.empty(), workingDirectory).load();
    }

    private Catalog loadLocal(MigrationFolder folder) {
        return load(tmp, new LocalFolderSource(folder.dir(), false));
    }

    private static List<String> statements(Migration m) {
        return ScriptParser.parse(m.path(), m.text(), m.includeResolver()).statements().stream().map(Statement::sql).toList();
    }

    @Test
    void includeRelativeIsFoundBesideTheIncludingFileAndIncludeFromTheWorkingDirectory() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("db/migrations"));
        MigrationFolder functions = new MigrationFolder(tmp.resolve("db/functions"));
        functions.write("touch_v01.sql", "CREATE FUNCTION touch() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n\\ir nested.sql\n");
        functions.write("nested.sql", "SELECT 'nested';\n");
        new MigrationFolder(tmp.resolve("shared")).write("grants.sql", "SELECT 'grants';\n");
        m.write("1_a.up.sql", "CREATE TABLE a (x int);\n\\ir ../functions/touch_v01.sql\n\\i shared/grants.sql\nSELECT 'end';\n");

        Catalog catalog = loadLocal(m);
        assertThat(catalog.problems()).isEmpty();
        Migration migration = catalog.migrations().get(0);
        assertThat(statements(migration)).containsExactly("CREATE TABLE a (x int);",
                "CREATE FUNCTION touch() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;", "SELECT 'nested';",
                "SELECT 'grants';", "SELECT 'end';");
        assertThat(migration.includes().sourceNames()).containsExactly(
                functions.resolve("touch_v01.sql").toString(), functions.resolve("nested.sql").toString(),
                tmp.resolve("shared/grants.sql").toString());
    }

    @Test
    void theChecksumCoversEveryIncludedFileAndStaysTheFilesOwnWithoutIncludes() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("db/migrations"));
        MigrationFolder functions = new MigrationFolder(tmp.resolve("db/functions"));
        functions.write("x_v01.sql", "CREATE FUNCTION x() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n");
        m.write("1_a.up.sql", "\\ir ../functions/x_v01.sql\n");
        m.write("2_b.up.sql", "SELECT 'no include, though it says \\i in a string';\n");

        String before = loadLocal(m).migrations().get(0).checksum();
        functions.write("x_v01.sql", "CREATE FUNCTION x() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;\n");
        Catalog after = loadLocal(m);
        assertThat(after.migrations().get(0).checksum()).isNotEqualTo(before)
                .isNotEqualTo(Checksums.sha256("\\ir ../functions/x_v01.sql\n".getBytes()));
        assertThat(after.migrations().get(1).checksum())
                .isEqualTo(Checksums.sha256("SELECT 'no include, though it says \\i in a string';\n".getBytes()));
        assertThat(after.migrations().get(1).includes().isEmpty()).isTrue();
    }

    @Test
    void theRunnerSeesTheBytesTheCatalogChecksummedNotTheFileAsItIsLater() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("inc.sql", "SELECT 'as listed';\n");
        m.write("1_a.up.sql", "\\ir inc.sql\n");
        Migration migration = loadLocal(m).migrations().get(0);
        m.write("inc.sql", "SELECT 'edited after listing';\n");
        assertThat(statements(migration)).containsExactly("SELECT 'as listed';");
    }

    @Test
    void aMissingIncludeIsReportedAtTheMetaCommandWhenTheMigrationIsSplit() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "SELECT 1;\n\\ir no_such.sql\n");
        Catalog catalog = loadLocal(m);
        assertThat(catalog.problems()).isEmpty(); // the catalog stays quiet: validate reports it with the line
        Migration migration = catalog.migrations().get(0);
        assertThatThrownBy(() -> statements(migration)).hasMessageContaining(migration.path() + ":2:")
                .hasMessageContaining("cannot read included file 'no_such.sql'");
    }

    @Test
    void anIncludedFileWithANulByteIsRefusedAtItsLine() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.writeBytes("inc.sql", "SELECT 1;\nSELECT '\0';\n".getBytes());
        m.write("1_a.up.sql", "\\ir inc.sql\n");
        Migration migration = loadLocal(m).migrations().get(0);
        assertThatThrownBy(() -> statements(migration)).hasMessageContaining(m.resolve("inc.sql") + ":2:")
                .hasMessageContaining("NUL byte");
    }

    @Test
    void classpathMigrationsIncludeFilesOfTheSameLocationAndNeverAboveIt() throws Exception {
        Path root = tmp.resolve("cp");
        MigrationFolder m = new MigrationFolder(root.resolve("db/migration"));
        new MigrationFolder(root.resolve("db/migration/functions")).write("f_v01.sql", "SELECT 'from the jar';\n");
        new MigrationFolder(root.resolve("db")).write("outside.sql", "SELECT 'outside';\n");
        m.write("1_a.up.sql", "\\ir functions/f_v01.sql\n\\i functions/f_v01.sql\n");
        m.write("2_b.up.sql", "\\ir ../outside.sql\n");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{root.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            MigrationSource source = Sources.open(Location.parse("classpath:db/migration", tmp), SourceSettings.NONE, false);
            Catalog catalog = load(tmp, source);
            Migration a = catalog.migrations().get(0);
            assertThat(statements(a)).containsExactly("SELECT 'from the jar';", "SELECT 'from the jar';");
            assertThat(a.includes().sourceNames()).containsOnly("classpath:db/migration/functions/f_v01.sql");
            Migration b = catalog.migrations().get(1);
            assertThatThrownBy(() -> statements(b)).hasMessageContaining("must stay inside its location");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
