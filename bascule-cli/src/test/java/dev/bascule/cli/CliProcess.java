package dev.bascule.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI as a child process ({@code java -cp <test class path> dev.bascule.cli.Main ...}), for what an in-process run
 * cannot do: be killed, see its own environment variables ({@code DATABASE_URL}, {@code PGPASSWORD}), print what the
 * JDBC driver logs. The child's environment has no {@code PG*}, {@code DATABASE_URL} or {@code MIGRATION_*}
 * variables of the test's own, only those given. Output (stdout and stderr together) goes to a log file.
 */
record CliProcess(Process process, Path log) {

    /** Starts {@code bascule ARGS} in {@code workingDir}; JVM flags keep start-up cheap on a small machine. */
    static CliProcess start(Path workingDir, Map<String, String> env, Path log, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PG") || k.equals("DATABASE_URL") || k.startsWith("MIGRATION_"));
        builder.environment().putAll(env);
        try {
            return new CliProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the CLI", e);
        }
    }

    /** Runs to the end (killed after {@code limit}, which fails the caller's assertion on {@link Result#finished()}). */
    static Result run(Path workingDir, Map<String, String> env, Duration limit, String... args) {
        try {
            Path log = Files.createTempFile(workingDir, "cli", ".log");
            return start(workingDir, env, log, args).await(limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits at most {@code limit}; a process still running then is killed and reported as not finished. */
    Result await(Duration limit) {
        long started = System.nanoTime();
        boolean finished;
        try {
            finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            kill();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new Result(finished, finished ? process.exitValue() : -1, output(), took);
    }

    /** kill -9 (SIGKILL): the runner gets no chance to clean up. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** How a run ended. */
    record Result(boolean finished, int exitCode, String output, Duration took) {
        @Override
        public String toString() {
            return (finished ? "exit " + exitCode : "KILLED after the limit") + " in " + took.toMillis() + " ms\n" + output;
        }
    }
}
