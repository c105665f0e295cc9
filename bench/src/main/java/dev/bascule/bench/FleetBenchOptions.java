package dev.bascule.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of {@link FleetBenchmark}.
 *
 * @param repo        repository root, holding the {@code bascule} launcher
 * @param work        a new or empty folder for migrations, logs, the server's data and results.txt
 * @param databases   databases per contender and round
 * @param migrations  generated migrations applied to each database
 * @param parallel    the {@code fleet migrate --parallel} values to measure
 * @param repetitions timed rounds (after one untimed warm-up)
 * @param limit       longest any one process may run before it is killed and the benchmark fails
 */
record FleetBenchOptions(Path repo, Path work, int databases, int migrations, List<Integer> parallel, int repetitions,
                         Duration limit) {

    static final String USAGE = "usage: FleetBenchmark --repo DIR --work DIR [--databases 100] [--migrations 50]"
            + " [--parallel 1,4,8] [--repetitions 3] [--limit-seconds 900]";

    static FleetBenchOptions parse(String[] args) {
        Path repo = null;
        Path work = null;
        int databases = 100;
        int migrations = 50;
        List<Integer> parallel = List.of(1, 4, 8);
        int repetitions = 3;
        Duration limit = Duration.ofSeconds(900);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--repo" -> repo = Path.of(value).toAbsolutePath().normalize();
                case "--work" -> work = Path.of(value).toAbsolutePath().normalize();
                case "--databases" -> databases = positive(name, value);
                case "--migrations" -> migrations = positive(name, value);
                case "--repetitions" -> repetitions = positive(name, value);
                case "--limit-seconds" -> limit = Duration.ofSeconds(positive(name, value));
                case "--parallel" -> {
                    List<Integer> values = new ArrayList<>();
                    for (String part : value.split(",")) {
                        values.add(positive(name, part.strip()));
                    }
                    parallel = List.copyOf(values);
                }
                default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
            }
        }
        if (repo == null || work == null) {
            throw new IllegalArgumentException("--repo and --work are required; " + USAGE);
        }
        return new FleetBenchOptions(repo, work, databases, migrations, parallel, repetitions, limit);
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Falls through to the message below, which says what is expected.
        }
        throw new IllegalArgumentException(name + " takes a positive whole number, not '" + value + "'");
    }
}
