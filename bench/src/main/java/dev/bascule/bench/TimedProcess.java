package dev.bascule.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion and measures its wall time, from fork to exit, and (through GNU time, when
 * installed) the CPU time of the process and its children; never waits past a limit.
 */
public final class TimedProcess {

    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    /**
     * A finished run: wall time, client CPU time (user + system) and peak resident memory of the largest process
     * (GNU time's {@code %M}, KiB) when measurable, and where its output went.
     */
    public record Run(List<String> command, long wallNanos, Optional<Double> cpuMillis, Optional<Long> peakRssKib, Path log) {
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
        Path cpuFile = log.resolveSibling(log.getFileName() + ".cpu");
        List<String> full = new ArrayList<>();
        boolean measureCpu = Files.isExecutable(GNU_TIME);
        if (measureCpu) {
            Files.deleteIfExists(cpuFile);
            full.addAll(List.of(GNU_TIME.toString(), "-f", "%U %S %M", "-o", cpuFile.toString()));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile())
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
        return new Run(command, wall, measureCpu ? cpuMillis(cpuFile) : Optional.empty(),
                measureCpu ? peakRssKib(cpuFile) : Optional.empty(), log);
    }

    /** Reads GNU time's "user system [maxrss]" line; empty when the file is missing or not in that form. */
    static Optional<Double> cpuMillis(Path cpuFile) throws IOException {
        String[] parts = lastLine(cpuFile);
        try {
            return parts.length >= 2 ? Optional.of((Double.parseDouble(parts[0]) + Double.parseDouble(parts[1])) * 1000) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The third field of that line: the peak resident set size in KiB. */
    static Optional<Long> peakRssKib(Path cpuFile) throws IOException {
        String[] parts = lastLine(cpuFile);
        try {
            return parts.length >= 3 ? Optional.of(Long.parseLong(parts[2])) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String[] lastLine(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new String[0];
        }
        List<String> lines = Files.readAllLines(file);
        return lines.isEmpty() ? new String[0] : lines.get(lines.size() - 1).trim().split("\\s+");
    }

    static String tail(Path log, int lines) throws IOException {
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
