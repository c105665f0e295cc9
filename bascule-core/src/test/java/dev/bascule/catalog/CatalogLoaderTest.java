package dev.bascule.catalog;

import dev.bascule.error.Problem;
import dev.bascule.source.LocalFolderSource;
import dev.bascule.testing.MigrationFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogLoaderTest {

    @TempDir
    Path tmp;

    private static Catalog load(Optional<Manifest> manifest, MigrationFolder... folders) {
        return new CatalogLoader(List.of(folders).stream().map(f -> new LocalFolderSource(f.dir(), false))
                .map(s -> (dev.bascule.source.MigrationSource) s).toList(), manifest).load();
    }

    @Test
    void withoutManifestEveryUpFileRunsInVersionOrder() {
        MigrationFolder dir = new MigrationFolder(tmp.resolve("m"));
        dir.write("20_b.up.sql", "select 2;");
        dir.write("3_a.up.sql", "select 1;");
        dir.write("3_a.down.sql", "select 0;");
        dir.write("README.md", "not a migration");
        Catalog catalog = load(Optional.empty(), dir);
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.migrations()).extracting(Migration::fileName).containsExactly("3_a.up.sql", "20_b.up.sql");
        assertThat(catalog.migrations().get(0).down()).contains("3_a.down.sql");
        assertThat(catalog.migrations().get(0).checksum()).isEqualTo(Checksums.sha256("select 1;".getBytes()));
    }

    @Test
    void firstPathWinsAndLaterCopiesAreReportedAsShadowed() {
        MigrationFolder first = new MigrationFolder(tmp.resolve("schema"));
        MigrationFolder second = new MigrationFolder(tmp.resolve("secure"));
        first.write("1_a.up.sql", "select 'first';");
        second.write("1_a.up.sql", "select 'second';");
        second.write("2_b.up.sql", "select 2;");
        Catalog catalog = load(Optional.empty(), first, second);
        assertThat(catalog.migrations()).extracting(Migration::text).containsExactly("select 'first';", "select 2;");
        assertThat(catalog.migrations().get(0).location().uri()).endsWith("/schema/");
        assertThat(catalog.shadowed()).singleElement().satisfies(f -> assertThat(f.location().uri()).endsWith("/secure/"));
    }

    @Test
    void manifestSelectsFilesAndRunOrderIsByVersionNotLine() {
        MigrationFolder dir = new MigrationFolder(tmp.resolve("m"));
        dir.write("1_a.up.sql", "select 1;");
        dir.write("2_b.up.sql", "select 2;");
        dir.write("3_c.up.sql", "select 3;");
        Manifest manifest = Manifest.parse("manifest.txt", "3_c.up.sql\n# 2_b.up.sql\n1_a.up.sql\n");
        Catalog catalog = load(Optional.of(manifest), dir);
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.migrations()).extracting(Migration::fileName).containsExactly("1_a.up.sql", "3_c.up.sql");
        assertThat(catalog.migrations()).extracting(Migration::manifestLine).containsExactly(3, 1);
        assertThat(catalog.unlisted()).extracting(f -> f.file().fileName()).containsExactly("2_b.up.sql");
    }

    @Test
    void everyManifestProblemIsReportedAtOnceWithItsLine() {
        MigrationFolder dir = new MigrationFolder(tmp.resolve("m"));
        dir.write("1_a.up.sql", "select 1;");
        dir.write("1_other.up.sql", "select 1;");
        Manifest manifest = Manifest.parse("manifest.txt", String.join("\n",
                "1_a.up.sql", "2_missing.up.sql", "1_a.up.sql", "bad name.sql", "1_other.up.sql", ""));
        Catalog catalog = load(Optional.of(manifest), dir);
        assertThat(catalog.problems()).extracting(Problem::toString).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).startsWith("manifest.txt:2: 2_missing.up.sql is listed but is in none of the paths"),
                p -> assertThat(p).startsWith("manifest.txt:3: 1_a.up.sql is listed twice"),
                p -> assertThat(p).startsWith("manifest.txt:4: 'bad name.sql' is not a migration file name"),
                p -> assertThat(p).startsWith("manifest.txt:5: 1_other.up.sql has version 1, like 1_a.up.sql"));
    }

    @Test
    void invalidUtf8IsReportedWithFileAndLine() {
        MigrationFolder dir = new MigrationFolder(tmp.resolve("m"));
        dir.writeBytes("1_a.up.sql", new byte[]{'s', 'e', 'l', '\n', 'x', '\n', (byte) 0xC3, (byte) 0x28, ';'});
        Catalog catalog = load(Optional.empty(), dir);
        assertThat(catalog.migrations()).isEmpty();
        assertThat(catalog.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("/m/1_a.up.sql");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("invalid UTF-8").contains("save the file as UTF-8");
        });
    }

    @Test
    void aReplacementCharacterWrittenOnPurposeIsValidUtf8() {
        MigrationFolder dir = new MigrationFolder(tmp.resolve("m"));
        dir.writeBytes("1_a.up.sql", "select '\uFFFD';\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        dir.writeBytes("2_b.up.sql", new byte[]{'s', '\n', (byte) 0xEF, (byte) 0xBF, (byte) 0xBD, '\n', (byte) 0xFF, ';'});
        Catalog catalog = load(Optional.empty(), dir);
        assertThat(catalog.migrations()).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("select '\uFFFD';\n"));
        assertThat(catalog.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("/m/2_b.up.sql");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("invalid UTF-8");
        });
    }

    @Test
    void aLargeFolderIsReadInVersionOrderWithEveryProblemInFileOrder() {
        MigrationFolder dir = new MigrationFolder(tmp.resolve("m"));
        for (int i = 1; i <= 300; i++) {
            if (i % 50 == 0) {
                dir.writeBytes(i + "_bad.up.sql", new byte[]{(byte) 0xC3, (byte) 0x28});
            } else {
                dir.write(i + "_m.up.sql", "select " + i + ";");
            }
        }
        Catalog catalog = load(Optional.empty(), dir);
        assertThat(catalog.migrations()).hasSize(294).extracting(m -> m.version().toString())
                .startsWith("1", "2", "3").endsWith("298", "299");
        assertThat(catalog.problems()).extracting(Problem::file).map(f -> Path.of(f).getFileName().toString())
                .containsExactly("100_bad.up.sql", "150_bad.up.sql", "200_bad.up.sql", "250_bad.up.sql", "300_bad.up.sql", "50_bad.up.sql");
    }

    @Test
    void unreadableFileIsReportedWithItsPath() throws IOException {
        MigrationFolder dir = new MigrationFolder(tmp.resolve("m"));
        Path file = dir.resolve("1_a.up.sql");
        if ("root".equals(System.getProperty("user.name"))) {
            // root reads any file regardless of its mode; a regular file whose reads fail with EIO stands in.
            Files.createSymbolicLink(file, Path.of("/proc/self/mem"));
        } else {
            dir.write("1_a.up.sql", "select 1;");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        }
        Catalog catalog = load(Optional.empty(), dir);
        assertThat(catalog.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("/m/1_a.up.sql");
            assertThat(p.message()).startsWith("cannot read");
        });
    }

    @Test
    void aMissingPathIsAProblemNotACrash() {
        Catalog catalog = load(Optional.empty(), new MigrationFolder(tmp.resolve("exists")),
                new MigrationFolder(tmp.resolve("gone")));
        assertThat(catalog.problems()).isEmpty();
        Catalog missing = new CatalogLoader(List.of(new LocalFolderSource(tmp.resolve("nowhere"), false)), Optional.empty()).load();
        assertThat(missing.problems()).singleElement().satisfies(p -> assertThat(p.toString()).contains("nowhere").contains("does not exist"));
    }
}
