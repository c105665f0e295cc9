package dev.bascule.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./bascule} launcher with the packaged jar, in a copy of the repository layout: its first run dumps one
 * class-data-sharing archive for the jar and JDK that covers commands that run did not use, and a newer jar gets a
 * new archive. (An archive recorded at exit of the first run, as before, would leave {@code status} unshared after a
 * first {@code --version}.)
 */
class LauncherArchiveIT {

    @TempDir
    Path home;

    private record Run(int exit, String out) {
    }

    private Run launcher(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(home.resolve("bascule").toString()), Stream.of(args)).toList())
                .directory(home.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        builder.environment().remove("BASCULE_JAVA_OPTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(process.exitValue(), out);
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("bascule-cli/target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    @Test
    void theFirstRunDumpsAnArchiveThatLaterCommandsLoadFrom() throws Exception {
        Path jar = Files.createDirectories(home.resolve("bascule-cli/target")).resolve("bascule.jar");
        Files.copy(Path.of(System.getProperty("bascule.it.jar")), jar);
        Files.copy(Path.of(System.getProperty("bascule.it.launcher")), home.resolve("bascule"));
        home.resolve("bascule").toFile().setExecutable(true);
        // The launcher rebuilds when a POM or source is newer than the jar; here none is.
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        Files.setLastModifiedTime(home.resolve("pom.xml"), FileTime.fromMillis(0));

        Run version = launcher(Map.of(), "--version");
        assertThat(version.exit()).as(version.out()).isZero();
        assertThat(version.out()).isEqualTo("bascule 0.1.0\n");
        assertThat(archives()).singleElement().satisfies(a -> assertThat(a.getFileName().toString()).matches("bascule-\\d+\\.jsa"));

        Run help = launcher(Map.of("BASCULE_JAVA_OPTS", "-Xlog:class+load=info"), "status", "--help");
        assertThat(help.exit()).as(help.out()).isZero();
        assertThat(help.out()).contains("dev.bascule.cli.StatusCommand source: shared objects file")
                .contains("picocli.CommandLine source: shared objects file");
        assertThat(help.out().lines().filter(l -> l.contains("dev.bascule.") && l.contains("source: file:")).toList())
                .as("Bascule classes loaded from the jar instead of the archive").isEmpty();

        Path archive = archives().get(0);
        FileTime dumped = Files.getLastModifiedTime(archive);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(dumped.toMillis() + 5_000));
        Files.setLastModifiedTime(archive, FileTime.fromMillis(dumped.toMillis() - 5_000));
        assertThat(launcher(Map.of(), "--version").exit()).isZero();
        assertThat(archives()).singleElement().satisfies(a ->
                assertThat(Files.getLastModifiedTime(a).toMillis()).isGreaterThan(dumped.toMillis() - 5_000));
    }
}
