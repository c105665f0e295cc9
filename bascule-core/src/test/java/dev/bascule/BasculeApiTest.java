package dev.bascule;

import dev.bascule.error.BasculeException;
import dev.bascule.generate.GeneratedFiles;
import dev.bascule.generate.ManifestUpdater;
import dev.bascule.plan.MigrationState;
import dev.bascule.plan.PlanEntry;
import dev.bascule.run.ScriptExecutor;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Everything the CLI does, done through the Java API (the CLI's own tests cover the same through picocli). */
@ExtendWith(EmbeddedPostgresExtension.class)
class BasculeApiTest {

    @TempDir
    Path tmp;

    private Settings.Builder project(TestDatabase db) {
        return Bascule.configure().database(db.admin()).baseDir(tmp).locations("db/migrations")
                .manifest("db/manifest.txt").lockWait(Duration.ofSeconds(5));
    }

    @Test
    void generateListMigrateValidateAndRepairThroughTheFacade(TestDatabase db) throws Exception {
        Bascule bascule = project(db).load();
        GeneratedFiles created = bascule.newMigration("create_pets", Optional.empty());
        Path file = created.files().get(0).path();
        assertThat(file.getParent()).isEqualTo(tmp.resolve("db/migrations"));
        assertThat(created.manifest()).contains(tmp.resolve("db/manifest.txt"));
        Files.writeString(file, "CREATE TABLE pets (id int);\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> bascule.newMigration("Create Pets", Optional.empty()))
                .isInstanceOf(BasculeException.Configuration.class).hasMessageContaining("not snake_case");

        assertThat(bascule.validate().toApply()).hasSize(1);
        assertThat(bascule.migrate().applied()).hasSize(1);
        assertThat(bascule.status().entries()).extracting(PlanEntry::state).containsExactly(MigrationState.APPLIED);
        assertThat(bascule.repair()).isEmpty();

        Files.delete(tmp.resolve("db/manifest.txt"));
        ManifestUpdater.Result manifest = bascule.updateManifest(Optional.empty());
        assertThat(manifest.migrations()).isEqualTo(1);
        assertThat(Files.readString(tmp.resolve("db/manifest.txt"))).contains(file.getFileName().toString());
    }

    @Test
    void resetExecAndSplit(TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("db/migrations"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        Files.writeString(tmp.resolve("db/manifest.txt"), "1_a.up.sql\n");
        assertThatThrownBy(() -> project(db).load().reset()).hasMessageContaining("not marked resettable");
        Bascule bascule = project(db).resettable(true).allowExec(true).load();
        assertThat(bascule.reset().applied()).hasSize(1);

        Path script = Files.writeString(tmp.resolve("fix.sql"), "INSERT INTO a VALUES (1);\nINSERT INTO a VALUES (2);\n");
        ScriptExecutor.Result ran = bascule.exec(Path.of("fix.sql"));
        assertThat(ran.statements()).isEqualTo(2);
        assertThat(db.column("SELECT count(*) FROM a")).containsExactly("2");
        assertThatThrownBy(() -> project(db).load().exec(Path.of("fix.sql"))).hasMessageContaining("allow-exec: true");

        SplitResult split = bascule.split(script.getFileName());
        assertThat(split.secret()).isFalse();
        assertThat(split.script().statements()).hasSize(2);
        Files.createDirectories(tmp.resolve("tmp"));
        Path secret = Files.writeString(tmp.resolve("tmp/1_s.up.sql"), "INSERT INTO a VALUES (42);\n");
        StringWriter out = new StringWriter();
        bascule.split(tmp.relativize(secret)).printText(new PrintWriter(out, true));
        assertThat(out.toString()).contains("tmp/1_s.up.sql:1:1").doesNotContain("42");
    }

    @Test
    void secureMigrationPairAndProjectFilesThroughTheFacade(TestDatabase db) throws Exception {
        Bascule bascule = project(db).secureLocations("db/secure").locations("db/migrations", "db/secure").load();
        GeneratedFiles pair = bascule.newSecureMigration("add_office_users", Optional.empty());
        assertThat(pair.files()).hasSize(2);
        Path production = pair.files().get(1).path();
        assertThat(production.getParent()).isEqualTo(tmp.resolve("tmp"));
        assertThat(Files.getPosixFilePermissions(production)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Path written = Project.init(tmp, null, null, false);
        assertThat(Files.readString(written)).contains("environments:");
        Files.writeString(written, "environments:\n  local:\n    url: " + db.url() + "\n    user: postgres\n"
                + "    paths: [db/migrations]\n");
        Settings resolved = Project.open(tmp, null, Map.<String, String>of()::get).settings(Overrides.none());
        assertThat(resolved.environment()).isEqualTo("local");
        assertThat(Bascule.load(resolved, null).status().entries()).isEmpty();
    }

    @Test
    void migrationsPackagedInAJarRunFromAClasspathLocation(TestDatabase db) throws Exception {
        Path jar = tmp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // Folder entries, as Maven and Spring Boot write them: a class loader finds folders only through them.
            for (String folder : List.of("db/", "db/migration/")) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            for (var entry : Map.of("db/migration/1_create.up.sql", "CREATE TABLE packaged (x int);",
                    "db/migration/2_fill.up.sql", "INSERT INTO packaged VALUES (7);",
                    "db/migration/manifest.txt", "1_create.up.sql\n2_fill.up.sql\n").entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            Bascule bascule = Bascule.configure().database(db.admin()).locations("classpath:db/migration")
                    .manifest("classpath:db/migration/manifest.txt").load();
            assertThat(bascule.migrate().applied()).extracting(x -> x.fileName())
                    .containsExactly("1_create.up.sql", "2_fill.up.sql");
            assertThat(bascule.status().entries().get(0).location().orElseThrow().uri()).isEqualTo("classpath:db/migration");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        assertThat(db.column("SELECT x FROM packaged")).containsExactly("7");
    }

    @Test
    void theJavaApiLogsThroughSlf4jByDefault(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_logged_through_slf4j.up.sql", "CREATE TABLE logged (x int);");
        PrintStream previous = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // slf4j-simple (the tests' binding) writes to whatever System.err is at each call.
        System.setErr(new PrintStream(OutputStream.nullOutputStream()) {
            @Override
            public void write(byte[] buf, int off, int len) {
                captured.write(buf, off, len);
            }
        });
        try {
            Bascule.configure().database(db.admin()).locations(m.path()).load().migrate();
        } finally {
            System.setErr(previous);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("dev.bascule")
                .contains("applied 1_logged_through_slf4j.up.sql");
    }
}
