package dev.bascule.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Command-line options of {@link RunnerBenchmark}.
 *
 * @param repo              repository root, holding the {@code bascule} launcher
 * @param work              a new or empty folder for migrations, logs, the server's data and results.txt
 * @param migrations        how many migrations to generate
 * @param repetitions       timed repetitions (after one untimed warm-up)
 * @param psql              the psql client
 * @param serverSettings    PostgreSQL settings NAME=VALUE on top of the embedded server's defaults (which turn
 *                          fsync and synchronous_commit off)
 * @param flywayClasspath   class path of the Flyway contender's JVM
 * @param limit             longest any one process may run before it is killed and the benchmark fails
 * @param contenders        which to run: {@code all}, or {@code floor} for psql and bascule alone (the scale series)
 */
public record BenchOptions(Path repo, Path work, int migrations, int repetitions, Path psql,
                           java.util.Map<String, String> serverSettings,
                           String flywayClasspath, Duration limit, java.util.Optional<String> flyway13Classpath,
                           java.util.Optional<String> liquibaseClasspath, java.util.Optional<Path> baselineRepo,
                           String contenders) {

    static final String USAGE = "usage: RunnerBenchmark --repo DIR --work DIR [--migrations 1000] [--repetitions 3]"
            + " [--psql /usr/bin/psql] [--server-setting NAME=VALUE]... [--flyway-classpath CP] [--limit-seconds 600]"
            + " [--flyway13-classpath CP] [--liquibase-classpath CP] [--baseline-repo DIR] [--contenders all|floor]";

    public static BenchOptions parse(String[] args) {
        Path repo = null;
        Path work = null;
        int migrations = 1000;
        int repetitions = 3;
        Path psql = Path.of("/usr/bin/psql");
        java.util.Map<String, String> serverSettings = new java.util.LinkedHashMap<>();
        String flywayClasspath = System.getProperty("java.class.path");
        Duration limit = Duration.ofSeconds(600);
        String flyway13Classpath = null;
        String liquibaseClasspath = null;
        Path baselineRepo = null;
        String contenders = "all";
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--repo" -> repo = Path.of(value).toAbsolutePath().normalize();
                case "--work" -> work = Path.of(value).toAbsolutePath().normalize();
                case "--migrations" -> migrations = positive(name, value);
                case "--repetitions" -> repetitions = positive(name, value);
                case "--psql" -> psql = Path.of(value);
                case "--server-setting" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--server-setting takes NAME=VALUE, as in fsync=on, not '" + value + "'");
                    }
                    serverSettings.put(value.substring(0, eq), value.substring(eq + 1));
                }
                case "--flyway-classpath" -> flywayClasspath = value;
                case "--limit-seconds" -> limit = Duration.ofSeconds(positive(name, value));
                case "--flyway13-classpath" -> flyway13Classpath = value;
                case "--liquibase-classpath" -> liquibaseClasspath = value;
                // Another checkout's launcher (its jar built), run as a second bascule contender in the same sitting.
                case "--baseline-repo" -> baselineRepo = Path.of(value).toAbsolutePath().normalize();
                case "--contenders" -> {
                    if (!value.equals("all") && !value.equals("floor")) {
                        throw new IllegalArgumentException("--contenders takes all or floor, not '" + value + "'");
                    }
                    contenders = value;
                }
                default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
            }
        }
        if (repo == null || work == null) {
            throw new IllegalArgumentException("--repo and --work are required; " + USAGE);
        }
        return new BenchOptions(repo, work, migrations, repetitions, psql, java.util.Map.copyOf(serverSettings), flywayClasspath, limit,
                java.util.Optional.ofNullable(flyway13Classpath), java.util.Optional.ofNullable(liquibaseClasspath),
                java.util.Optional.ofNullable(baselineRepo), contenders);
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
