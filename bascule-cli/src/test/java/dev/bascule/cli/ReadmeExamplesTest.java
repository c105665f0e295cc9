package dev.bascule.cli;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** README's own bascule.yml works as written: its dev environment needs only the dev variables. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ReadmeExamplesTest {

    @TempDir
    Path tmp;

    /** The first ```yaml block of README.md, as a user would copy it. */
    static String readmeYaml() throws Exception {
        String readme = Files.readString(EmbeddedDefaultTest.findRepoRoot().resolve("README.md"));
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has a ```yaml block").isTrue();
        return m.group(1);
    }

    @Test
    void theReadmesTwoEnvironmentFileRunsADevCommandWithOnlyTheDevVariablesSet(TestDatabase db) throws Exception {
        String yaml = readmeYaml();
        assertThat(yaml).contains("${PRD_DB_PASSWORD}").contains("dev:");
        Files.writeString(tmp.resolve("bascule.yml"), yaml);
        Files.createDirectories(tmp.resolve("db/migrations"));
        Files.createDirectories(tmp.resolve("db/secure"));
        Files.writeString(tmp.resolve("db/migrations/20240101000000_create_pets.up.sql"), "CREATE TABLE pets (id int);");
        Files.writeString(tmp.resolve("db/manifest.txt"), "20240101000000_create_pets.up.sql\n");

        // A real process, so the environment is exactly what a shell would pass: DB_PASSWORD set, PRD_DB_PASSWORD not.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "migrate", "--env", "dev", "--url", db.url(), "--user", "postgres"))
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("out.log").toFile());
        Map<String, String> env = builder.environment();
        env.remove("PRD_DB_PASSWORD");
        env.put("DB_PASSWORD", "not-needed-by-the-embedded-test-server");
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(tmp.resolve("out.log"));
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("applied 1 migration(s) to dev");
        assertThat(db.tableExists("pets")).isTrue();
    }
}
