package dev.bascule.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion and measures its wall time, from fork to exit; never waits past a limit. */
public final class TimedProcess {

    /** A finished run: wall time and where its output went. */
    public record Run(List<String> command, long wallNanos, Path log) {
        public double millis() {
            return wallNanos / 1_000_000.0;
        }
    }

    private TimedProcess() {
    }

    /**
     * Runs {@code command} in {@code workDir} with stdout and stderr to {@code log}. Fails, naming the log, when the
     * process exits non-zero or outlives {@code limit} (it is then killed).
     */
    public static Run run(List<String> command, Path workDir, Path log, Duration limit) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // The benchmark names its database explicitly; inherited connection settings must not redirect a contender.
        for (String variable : List.of("DATABASE_URL", "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD",
                "PGSERVICE", "BASCULE_JAVA_OPTS", "JAVA_TOOL_OPTIONS")) {
            builder.environment().remove(variable);
        }
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", command) + ": still running after " + limit.toSeconds()
                    + " s, killed; its output is in " + log);
        }
        long wall = System.nanoTime() - start;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": exit code " + process.exitValue()
                    + "; last lines of " + log + ":\n" + tail(log, 15));
        }
        return new Run(command, wall, log);
    }

    static String tail(Path log, int lines) throws IOException {
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
