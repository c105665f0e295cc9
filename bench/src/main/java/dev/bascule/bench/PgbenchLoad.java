package dev.bascule.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's pgbench running a read/write script on the backfilled table at a fixed rate, with a per-transaction
 * log from which latency percentiles are computed (pgbench itself prints only average and deviation). With
 * {@code --rate}, pgbench counts a transaction's latency from its scheduled start, so waiting behind a backfill
 * batch shows even when the client was idle.
 */
final class PgbenchLoad {

    /** One transaction: when it completed (µs since the epoch) and how long it took (µs). */
    record Sample(long endMicros, long latencyMicros) {
    }

    /** Latency figures of the samples in one time window. */
    record Summary(int transactions, double seconds, double p50Ms, double p99Ms, double maxMs) {
        double tps() {
            return seconds <= 0 ? 0 : transactions / seconds;
        }
    }

    private final Path pgbench;
    private final ServerAddress server;
    private final String database;
    private final int clients;
    private final int rate;
    private final Path dir;

    PgbenchLoad(Path pgbench, ServerAddress server, String database, int clients, int rate, Path dir) {
        this.pgbench = pgbench;
        this.server = server;
        this.database = database;
        this.clients = clients;
        this.rate = rate;
        this.dir = dir;
    }

    String describe() {
        return clients + " clients, " + rate + " transactions/s in total, each: BEGIN; SELECT one random row by id;"
                + " UPDATE its hits column; END";
    }

    /** Starts pgbench for {@code seconds}; its log files are named after {@code label}. */
    Process start(long maxId, int seconds, String label) throws IOException {
        Path script = dir.resolve(label + ".sql");
        Files.writeString(script, "\\set id random(1, " + maxId + ")\n"
                + "BEGIN;\n"
                + "SELECT email, hits FROM " + BackfillTable.TABLE + " WHERE id = :id;\n"
                + "UPDATE " + BackfillTable.TABLE + " SET hits = hits + 1 WHERE id = :id;\n"
                + "END;\n");
        List<String> command = List.of(pgbench.toString(), "-n", "-h", server.host(), "-p",
                String.valueOf(server.port()), "-U", server.user(), "-c", String.valueOf(clients), "-j",
                String.valueOf(Math.min(clients, 2)), "-R", String.valueOf(rate), "-T", String.valueOf(seconds), "-M",
                "prepared", "-l", "--log-prefix=" + dir.resolve(label), "-f", script.toString(), database);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(label + ".out").toFile()).start();
    }

    /** Waits for pgbench (bounded) and reads its transaction log. */
    List<Sample> finish(Process process, Duration limit, String label) throws IOException, InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("pgbench ran longer than " + limit + "; see " + dir.resolve(label + ".out"));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed (exit " + process.exitValue() + "): "
                    + Files.readString(dir.resolve(label + ".out")));
        }
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path log : files.filter(p -> p.getFileName().toString().startsWith(label + ".")
                    && !p.toString().endsWith(".sql") && !p.toString().endsWith(".out")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    // client_id transaction_no time script_no time_epoch time_us [schedule_lag]
                    String[] f = line.trim().split("\\s+");
                    if (f.length >= 6 && !f[2].equals("skipped") && !f[2].equals("failed")) {
                        samples.add(new Sample(Long.parseLong(f[4]) * 1_000_000 + Long.parseLong(f[5]),
                                Long.parseLong(f[2])));
                    }
                }
            }
        }
        if (samples.isEmpty()) {
            throw new IllegalStateException("pgbench wrote no transaction log under " + dir);
        }
        return samples;
    }

    /** Figures of the transactions that completed in {@code [fromMicros, toMicros]}. */
    static Summary summary(List<Sample> samples, long fromMicros, long toMicros) {
        long[] latencies = samples.stream().filter(s -> s.endMicros() >= fromMicros && s.endMicros() <= toMicros)
                .mapToLong(Sample::latencyMicros).sorted().toArray();
        if (latencies.length == 0) {
            return new Summary(0, 0, 0, 0, 0);
        }
        return new Summary(latencies.length, (toMicros - fromMicros) / 1e6, percentile(latencies, 0.50) / 1000.0,
                percentile(latencies, 0.99) / 1000.0, latencies[latencies.length - 1] / 1000.0);
    }

    static Summary summary(List<Sample> samples) {
        long from = samples.stream().mapToLong(s -> s.endMicros() - s.latencyMicros()).min().orElse(0);
        long to = samples.stream().mapToLong(Sample::endMicros).max().orElse(0);
        return summary(samples, from, to);
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
