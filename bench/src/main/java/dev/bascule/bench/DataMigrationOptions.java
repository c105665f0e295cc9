package dev.bascule.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line options of {@link DataMigrationBenchmark}.
 *
 * @param rows             rows of the table (1,000,000; the large run is 10,000,000)
 * @param size             {@code bascule:batch size}
 * @param pause            {@code bascule:batch pause}
 * @param repetitions      runs of (a) and (c) each (the OFFSET loop runs once)
 * @param offsetLoop       run seed 002's loop (b); off for large tables, where it runs for hours
 * @param offsetLoopLimit  statement_timeout for (b)
 * @param clients          pgbench clients
 * @param rate             pgbench transactions per second, all clients together
 * @param baselineSeconds  how long pgbench runs alone
 * @param loadSeconds      how long pgbench runs while (c) runs (must outlast it); 0: twice the slowest (c) + 10 s
 * @param serverSettings   PostgreSQL settings on top of the embedded server's defaults (fsync and
 *                         synchronous_commit off)
 */
public record DataMigrationOptions(Path work, long rows, int size, Duration pause, int repetitions, boolean offsetLoop,
                                   Duration offsetLoopLimit, Path pgbench, int clients, int rate, int baselineSeconds,
                                   int loadSeconds, Map<String, String> serverSettings) {

    static final String USAGE = "usage: DataMigrationBenchmark --work DIR [--rows 1000000] [--size 5000]"
            + " [--pause-ms 0] [--repetitions 3] [--skip-offset-loop] [--offset-loop-limit-seconds 1800]"
            + " [--pgbench /usr/bin/pgbench] [--clients 4] [--rate 400] [--baseline-seconds 30]"
            + " [--load-seconds auto] [--server-setting NAME=VALUE]...";

    public static DataMigrationOptions parse(String[] args) {
        Path work = null;
        long rows = 1_000_000;
        int size = 5000;
        long pauseMs = 0;
        int repetitions = 3;
        boolean offsetLoop = true;
        int offsetLoopLimit = 1800;
        Path pgbench = Path.of("/usr/bin/pgbench");
        int clients = 4;
        int rate = 400;
        int baseline = 30;
        int load = 0;
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--skip-offset-loop")) {
                offsetLoop = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--work" -> work = Path.of(value).toAbsolutePath().normalize();
                case "--rows" -> rows = positive(name, value);
                case "--size" -> size = (int) positive(name, value);
                case "--pause-ms" -> pauseMs = Long.parseLong(value);
                case "--repetitions" -> repetitions = (int) positive(name, value);
                case "--offset-loop-limit-seconds" -> offsetLoopLimit = (int) positive(name, value);
                case "--pgbench" -> pgbench = Path.of(value);
                case "--clients" -> clients = (int) positive(name, value);
                case "--rate" -> rate = (int) positive(name, value);
                case "--baseline-seconds" -> baseline = (int) positive(name, value);
                case "--load-seconds" -> load = (int) positive(name, value);
                case "--server-setting" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--server-setting takes NAME=VALUE, not '" + value + "'");
                    }
                    settings.put(value.substring(0, eq), value.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
            }
        }
        if (work == null) {
            throw new IllegalArgumentException("--work is required; " + USAGE);
        }
        return new DataMigrationOptions(work, rows, size, Duration.ofMillis(pauseMs), repetitions, offsetLoop,
                Duration.ofSeconds(offsetLoopLimit), pgbench, clients, rate, baseline, load, Map.copyOf(settings));
    }

    private static long positive(String name, String value) {
        try {
            long n = Long.parseLong(value.replace("_", "").replace(",", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Falls through to the message below, which says what is expected.
        }
        throw new IllegalArgumentException(name + " takes a positive whole number, not '" + value + "'");
    }
}
