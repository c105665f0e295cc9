package dev.bascule.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the sample projects of {@code src/it} with a real {@code mvn} (the one running this build and, for the
 * first, the machine's own Maven when it is another version) against a fresh database on the embedded PostgreSQL.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class SampleProjectIT {

    /** The Maven running this build, and /usr/share/maven (Debian's 3.8.7) when present and different. */
    static Stream<Path> mavenHomes() throws Exception {
        List<Path> homes = new ArrayList<>(List.of(MavenRun.mavenHome().toRealPath()));
        Path system = Path.of("/usr/share/maven");
        if (Files.isExecutable(system.resolve("bin/mvn")) && !homes.contains(system.toRealPath())) {
            homes.add(system.toRealPath());
        }
        return homes.stream();
    }

    /**
     * The role the sample projects log in as (roles are shared by the server's databases, so each test sets its
     * password afresh), owning the test's database.
     */
    private static void loginRole(TestDatabase db, String password) {
        db.execute("DO $$ BEGIN CREATE ROLE sample_app LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
                + " ALTER ROLE sample_app PASSWORD '" + password + "'; ALTER DATABASE " + db.name() + " OWNER TO sample_app;"
                + " GRANT ALL ON SCHEMA public TO sample_app");
    }

    /** {@code maven-3.9.9}: the version in the distribution's maven-core jar. */
    private static String label(Path mavenHome) throws Exception {
        Path core;
        try (Stream<Path> jars = Files.list(mavenHome.resolve("lib"))) {
            core = jars.filter(p -> p.getFileName().toString().matches("maven-core-.*\\.jar")).findFirst().orElseThrow();
        }
        try (JarFile jar = new JarFile(core.toFile())) {
            Properties properties = new Properties();
            properties.load(jar.getInputStream(jar.getEntry("META-INF/maven/org.apache.maven/maven-core/pom.properties")));
            return "maven-" + properties.getProperty("version");
        }
    }

    @ParameterizedTest
    @MethodSource("mavenHomes")
    void lintsMigratesValidatesAndReportsWithTheLoginOfASettingsServer(Path mavenHome, TestDatabase db) throws Exception {
        // Only the settings.xml server knows this role's password: the build logs in with it or not at all.
        loginRole(db, "sample-pw");
        Path project = MavenRun.copyProject("sample", label(mavenHome));

        MavenRun run = MavenRun.run(mavenHome, project, Map.of(), "-Dbascule.url=" + db.url(), "validate");

        assertThat(run.exitCode()).as(run.log()).isZero();
        assertThat(db.tableExists("things")).isTrue();
        assertThat(db.tableExists("notes")).isTrue();
        assertThat(db.tableExists("not_listed")).as("not in the manifest").isFalse();
        assertThat(db.column("SELECT version || ' ' || script || ' ' || success || ' ' || applied_by"
                + " FROM bascule_schema_migrations ORDER BY version")).containsExactly(
                "20260101090000 20260101090000_create_things.up.sql true sample_app",
                "20260102090000 20260102090000_create_notes.up.sql true sample_app");
        assertThat(run.log()).contains("bascule: applied 20260101090000_create_things.up.sql")
                .contains("bascule: valid; 0 migration(s) pending")
                .containsPattern("20260102090000 +create_notes +schema +applied")
                .doesNotContain("sample-pw");

        JsonNode status = new ObjectMapper().readTree(project.resolve("target/bascule-status.json").toFile());
        assertThat(status).hasSize(3);
        assertThat(status.findValuesAsText("state")).containsExactly("applied", "applied", "unlisted");
        JsonNode sarif = new ObjectMapper().readTree(project.resolve("target/bascule-lint.sarif").toFile());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.at("/runs/0/results").findValuesAsText("level")).isNotEmpty().containsOnly("warning");
        assertThat(run.log()).contains("db/migrations/20260101090000_create_things.up.sql:1:1: warning");

        // The goal prefix, as the README has it: the plugin is found among the POM's plugins.
        MavenRun byPrefix = MavenRun.run(mavenHome, project, Map.of(), "-Dbascule.url=" + db.url(), "bascule:status");
        assertThat(byPrefix.exitCode()).as(byPrefix.log()).isZero();
        assertThat(byPrefix.log()).contains("2 applied, 0 pending");
    }

    /** With the build's own Maven only: the first test covers the older one. */
    @Test
    void takesTheEnvironmentFromBasculeYmlAndFailsTheBuildOnAnErrorLevelLintFinding(TestDatabase db) throws Exception {
        Path mavenHome = MavenRun.mavenHome().toRealPath();
        loginRole(db, "yml-pw");
        Path project = MavenRun.copyProject("yml-environment", label(mavenHome));

        MavenRun run = MavenRun.run(mavenHome, project,
                Map.of("SAMPLE_DB_URL", db.url(), "SAMPLE_DB_PASSWORD", "yml-pw"), "verify");

        assertThat(run.exitCode()).as(run.log()).isNotZero();
        assertThat(run.log()).contains("bascule: lint found error-level findings")
                .contains("2_drop_old_things.up.sql")
                .doesNotContain("yml-pw");
        assertThat(db.column("SELECT version FROM bascule_schema_migrations ORDER BY version"))
                .as("migrate ran before lint").containsExactly("1", "2");
        JsonNode sarif = new ObjectMapper().readTree(project.resolve("target/bascule-lint.sarif").toFile());
        List<String> errors = new ArrayList<>();
        sarif.at("/runs/0/results").forEach(r -> {
            if (r.get("level").asText().equals("error")) {
                errors.add(r.get("ruleId").asText() + " " + r.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
            }
        });
        assertThat(errors).containsExactly("ban-drop-table db/migrations/2_drop_old_things.up.sql");
    }
}
