package dev.bascule.cli;

import dev.bascule.aws.S3TestServer;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bascule gen secure-migration}: both files, their modes, the manifest line and the git guard. */
@ExtendWith(EmbeddedPostgresExtension.class)
class GenSecureMigrationTest {

    @RegisterExtension
    final S3ProxyExtension server = S3TestServer.extension();

    @TempDir
    Path tmp;

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", tmp.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("git " + String.join(" ", args) + " finished").isTrue();
        assertThat(process.exitValue()).as("git " + String.join(" ", args)).isZero();
    }

    private static List<String> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createsTheScrubbedCopyTheOwnerOnlyProductionFileAndTheManifestLine(TestDatabase db) throws Exception {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        p.write("db/manifest.txt", "20240101000000_create_office_users.up.sql\n");
        git("init", "-q");
        p.write(".gitignore", "tmp/\n");

        CliRun gen = p.run("gen", "secure-migration", "-n", "add_office_users");
        assertThat(gen.exitCode()).as(gen.toString()).isZero();

        List<String> scrubbed = files(tmp.resolve("db/secure"));
        assertThat(scrubbed).hasSize(1);
        String name = scrubbed.get(0);
        assertThat(name).matches("\\d{14}_add_office_users\\.up\\.sql");
        assertThat(files(tmp.resolve("tmp"))).containsExactly(name);
        Path production = tmp.resolve("tmp").resolve(name);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(production))).isEqualTo("rw-------");
        assertThat(Files.readString(tmp.resolve("db/secure").resolve(name))).contains("MUST HOLD NO SECRETS")
                .contains("fake values");
        assertThat(Files.readString(production)).contains("PRODUCTION").contains("Never commit this file");
        assertThat(Files.readString(tmp.resolve("db/manifest.txt")))
                .isEqualTo("20240101000000_create_office_users.up.sql\n" + name + "\n");
        assertThat(gen.out()).contains("created db/secure/" + name).contains("created tmp/" + name + " (production file, mode 0600")
                .contains("added to db/manifest.txt").contains("bascule secure upload tmp/" + name);

        CliRun second = p.run("gen", "secure-migration", "-n", "add_office_users");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        List<String> both = files(tmp.resolve("db/secure"));
        assertThat(both).hasSize(2);
        assertThat(both.get(0).substring(0, 14)).isNotEqualTo(both.get(1).substring(0, 14));
    }

    @Test
    void refusesWhenTmpIsTrackedByGitAndWritesNothing(TestDatabase db) throws Exception {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        p.write("db/manifest.txt", "");
        git("init", "-q");
        p.write(".gitignore", "tmp/\n");
        p.write("tmp/notes.txt", "tracked by mistake");
        git("add", "-f", "tmp/notes.txt");

        CliRun gen = p.run("gen", "secure-migration", "-n", "add_office_users");
        assertThat(gen.exitCode()).as(gen.toString()).isEqualTo(2);
        assertThat(gen.err()).contains("tmp/ is tracked by git (for example tmp/notes.txt)").contains("git rm -r --cached tmp");
        assertThat(files(tmp.resolve("db/secure"))).isEmpty();
        assertThat(files(tmp.resolve("tmp"))).containsExactly("notes.txt");
        assertThat(Files.readString(tmp.resolve("db/manifest.txt"))).isEmpty();
    }

    @Test
    void refusesWhenTmpIsNotIgnoredByGit(TestDatabase db) throws Exception {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        git("init", "-q");

        CliRun gen = p.run("gen", "secure-migration", "-n", "add_office_users");
        assertThat(gen.exitCode()).as(gen.toString()).isEqualTo(2);
        assertThat(gen.err()).contains("would not be ignored by git").contains("add 'tmp/' to .gitignore");
        assertThat(files(tmp.resolve("db/secure"))).isEmpty();
        assertThat(files(tmp.resolve("tmp"))).isEmpty();
    }

    @Test
    void refusesNamesThatAreNotSnakeCase(TestDatabase db) {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        CliRun gen = p.run("gen", "secure-migration", "-n", "AddUsers");
        assertThat(gen.exitCode()).isEqualTo(2);
        assertThat(gen.err()).contains("is not snake_case");
    }
}
