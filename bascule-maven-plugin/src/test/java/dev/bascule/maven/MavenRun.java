package dev.bascule.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code mvn} run on a copy of one of the projects in {@code src/it}: the plugin version filled in, offline,
 * against the repository {@code maven-invoker-plugin:install} filled. Output goes to {@code build.log} beside it.
 */
record MavenRun(int exitCode, String log, Path project) {

    private static final long TIMEOUT_SECONDS = 180;

    static Path mavenHome() {
        return Path.of(required("bascule.it.mavenHome"));
    }

    /** Copies {@code src/it/NAME} to {@code target/it/LABEL/NAME}, filling in the plugin version. */
    static Path copyProject(String name, String label) {
        Path from = Path.of(required("bascule.it.projects")).resolve(name);
        Path to = Path.of(required("bascule.it.work")).resolve(label).resolve(name);
        try {
            if (Files.exists(to)) {
                try (Stream<Path> old = Files.walk(to)) {
                    old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
                }
            }
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        String text = Files.readString(file, StandardCharsets.UTF_8);
                        Files.writeString(target, text.replace("@project.version@", required("bascule.it.pluginVersion")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /** Runs {@code MAVEN_HOME/bin/mvn ARGS} in the project, with at most {@value #TIMEOUT_SECONDS} s. */
    static MavenRun run(Path mavenHome, Path project, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(mavenHome.resolve("bin/mvn").toString(), "-B",
                "-s", settingsFile().toString(),
                "-Dmaven.repo.local=" + required("bascule.it.repository")));
        command.addAll(List.of(args));
        Path log = project.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().remove("MAVEN_ARGS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("mvn " + String.join(" ", args) + " in " + project + " did not finish within "
                    + TIMEOUT_SECONDS + " s; see " + log);
        }
        return new MavenRun(process.exitValue(), Files.readString(log), project);
    }

    /** src/it/settings.xml with the build's local repository as the only remote. */
    private static Path settingsFile() throws IOException {
        Path file = Path.of(required("bascule.it.work")).resolve("settings.xml");
        String upstream = Path.of(required("bascule.it.upstreamRepository")).toUri().toString();
        Files.createDirectories(file.getParent());
        Files.writeString(file, Files.readString(Path.of(required("bascule.it.projects")).resolve("settings.xml"))
                .replace("@localRepositoryUrl@", upstream));
        return file;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: run this test through ./mvnw verify"
                    + " (the failsafe configuration of bascule-maven-plugin/pom.xml sets it)");
        }
        return value;
    }
}
