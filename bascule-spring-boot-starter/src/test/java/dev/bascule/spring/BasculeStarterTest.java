package dev.bascule.spring;

import dev.bascule.Bascule;
import dev.bascule.error.BasculeException;
import dev.bascule.spring.app.NoteReader;
import dev.bascule.spring.app.ThingRepository;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The starter in a real Boot application on the embedded PostgreSQL: each test starts the application. */
@ExtendWith(EmbeddedPostgresExtension.class)
class BasculeStarterTest {

    @Test
    void migratesOnStartUpBeforeBeansThatQueryInTheirConstructorOrPostConstruct(TestDatabase db) {
        try (ConfigurableApplicationContext app = BootApp.start(db)) {
            assertThat(app.getBean(ThingRepository.class).thingsAtStartup()).isEqualTo(2);
            assertThat(app.getBean(NoteReader.class).firstNote()).isEqualTo("hello");
            assertThat(db.column("SELECT version || ' ' || script || ' ' || success FROM bascule_schema_migrations"
                    + " ORDER BY version")).containsExactly(
                    "20260101090000 20260101090000_create_things.up.sql true",
                    "20260102090000 20260102090000_create_notes.up.sql true");
        }
        // A second start finds nothing to do and applies nothing twice.
        try (ConfigurableApplicationContext app = BootApp.start(db)) {
            assertThat(app.getBean(ThingRepository.class).thingsAtStartup()).isEqualTo(2);
        }
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("2");
    }

    @Test
    void enabledFalseSkipsBascule(TestDatabase db) {
        try (ConfigurableApplicationContext app = BootApp.start(db, "bascule.enabled=false", "app.repositories=false")) {
            assertThat(app.getBeansOfType(Bascule.class)).isEmpty();
            assertThat(app.getBeansOfType(BasculeMigrationInitializer.class)).isEmpty();
        }
        assertThat(db.tableExists("bascule_schema_migrations")).isFalse();
        assertThat(db.tableExists("things")).isFalse();
    }

    @Test
    void validateModeFailsStartUpOnAPendingMigrationAndPassesWhenAllAreApplied(TestDatabase db) {
        assertThatThrownBy(() -> BootApp.start(db, "bascule.mode=validate", "app.repositories=false").close())
                .rootCause()
                .isInstanceOf(BasculeException.ValidationFailed.class)
                .hasMessageContaining("2 problems, nothing applied")
                .hasMessageContaining("20260101090000_create_things.up.sql: pending: bascule.mode=validate applies nothing");
        assertThat(db.tableExists("things")).isFalse();

        BootApp.start(db).close();
        try (ConfigurableApplicationContext app = BootApp.start(db, "bascule.mode=validate")) {
            assertThat(app.getBean(ThingRepository.class).thingsAtStartup()).isEqualTo(2);
        }
    }

    @Test
    void basculeUrlMigratesThatDatabaseInsteadOfTheApplicationsDataSource(TestDatabase app, TestDatabase other) {
        try (ConfigurableApplicationContext ignored = BootApp.start(app, "bascule.url=" + other.url(),
                "bascule.user=postgres", "app.repositories=false")) {
            assertThat(other.tableExists("things")).isTrue();
            assertThat(app.tableExists("things")).isFalse();
        }
    }

    @Test
    void propertiesAndACustomizerBeanShapeTheSettings(TestDatabase db) {
        db.execute("DO $$ BEGIN CREATE ROLE things_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
                + " GRANT ALL ON SCHEMA public TO things_owner; GRANT ALL ON DATABASE " + db.name() + " TO things_owner");
        try (ConfigurableApplicationContext app = BootApp.start(WebApplicationType.NONE, db,
                List.of(HistoryTableCustomizer.class), "bascule.target=20260101090000", "bascule.role=things_owner",
                "app.repositories=false")) {
            assertThat(app.getBean(Bascule.class).settings().history().table()).isEqualTo("app_history");
        }
        assertThat(db.column("SELECT script FROM app_history")).containsExactly("20260101090000_create_things.up.sql");
        assertThat(db.column("SELECT tableowner FROM pg_tables WHERE tablename = 'things'")).containsExactly("things_owner");
        assertThat(db.tableExists("notes")).as("above bascule.target").isFalse();
        assertThat(db.tableExists("bascule_schema_migrations")).isFalse();
    }

    @Configuration(proxyBeanMethods = false)
    static class HistoryTableCustomizer {
        @Bean
        BasculeConfigurationCustomizer historyTable() {
            return builder -> builder.historyTable("public", "app_history");
        }
    }

    @Test
    void readsMigrationsPackagedInAJar(TestDatabase db, @TempDir Path dir) throws Exception {
        Path jar = dir.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // Folder entries, as the jar plugin and Boot's repackaging write them.
            out.putNextEntry(new JarEntry("packaged/"));
            out.putNextEntry(new JarEntry("packaged/migration/"));
            add(out, "packaged/migration/1_create_packaged.up.sql", "CREATE TABLE packaged (id int);\n");
            add(out, "packaged/migration/2_fill_packaged.up.sql", "INSERT INTO packaged VALUES (1), (2);\n");
            add(out, "packaged/manifest.txt", "1_create_packaged.up.sql\n2_fill_packaged.up.sql\n");
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader withJar = new URLClassLoader(new URL[]{jar.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(withJar);
            BootApp.start(db, "bascule.locations=classpath:packaged/migration", "bascule.manifest=classpath:packaged/manifest.txt",
                    "app.repositories=false").close();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        assertThat(db.column("SELECT count(*) FROM packaged")).containsExactly("2");
        assertThat(db.column("SELECT script FROM bascule_schema_migrations ORDER BY version"))
                .containsExactly("1_create_packaged.up.sql", "2_fill_packaged.up.sql");
    }

    private static void add(JarOutputStream out, String name, String text) throws Exception {
        out.putNextEntry(new JarEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    @Test
    void noDatabaseAtAllIsAClearStartUpError(TestDatabase db) {
        assertThatThrownBy(() -> BootApp.start(db, "spring.autoconfigure.exclude="
                        + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration",
                "app.repositories=false").close())
                .rootCause()
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("the application has no DataSource bean")
                .hasMessageContaining("bascule.enabled=false");
    }
}
