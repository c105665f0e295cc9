package dev.bascule.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The runner benchmark of issue 2: applies N generated migrations with psql (the floor), {@code bascule migrate} and
 * Flyway, each on a fresh database of one embedded PostgreSQL 17, each timed as a whole process; checks that every
 * contender applied everything; prints wall times, medians and ratios. Run it through {@code bench/run-runner-bench.sh}.
 */
public final class RunnerBenchmark {

    private final BenchOptions options;
    private final GeneratedSet set;
    private final ServerAddress server;
    private final ResultsTable wall = new ResultsTable("wall time, whole process (ms)");
    private final ResultsTable cpu = new ResultsTable("client CPU, user+sys (ms)");
    private final ResultsTable memory = new ResultsTable("client peak memory, RSS (MiB)");
    private final Path logs;
    private int databaseCounter;

    private RunnerBenchmark(BenchOptions options, GeneratedSet set, ServerAddress server, Path logs) {
        this.options = options;
        this.set = set;
        this.server = server;
        this.logs = logs;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        if (Files.exists(options.work()) && !isEmptyDirectory(options.work())) {
            throw new IllegalArgumentException(options.work() + ": work folder exists and is not empty; pass a new one");
        }
        Path work = Files.createDirectories(options.work());
        GeneratedSet set = MigrationGenerator.generate(work.resolve("migrations"), options.migrations());
        Path logs = Files.createDirectories(work.resolve("logs"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pgdata"))
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile()));
        options.serverSettings().forEach(builder::setServerConfig);
        try (EmbeddedPostgres postgres = builder.start()) {
            ServerAddress server = new ServerAddress("127.0.0.1", postgres.getPort(), "postgres");
            String report = new RunnerBenchmark(options, set, server, logs).run();
            System.out.print(report);
            Files.writeString(work.resolve("results.txt"), report);
        }
    }

    private String run() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Contender.Psql psql = Contender.Psql.floor(options.psql(), set.psqlDriver());
        // Not a contender: psql sending bascule's per-migration extras (RESET ALL, two SETs, history INSERT), so
        // the cost of those round trips shows apart from the JVM's.
        Contender.Psql psqlWithExtras = new Contender.Psql("psql + runner statements", options.psql(),
                set.psqlDriverWithRunnerStatements(), Optional.of("SELECT count(*) FROM bench_history WHERE success"));
        Contender.Bascule bascule = new Contender.Bascule(options.repo().resolve("bascule"), set.basculeDir());
        Contender.Flyway flyway = new Contender.Flyway(java, options.flywayClasspath(), set.flywayDir(),
                FlywayMain.flywayVersion());
        boolean floorOnly = options.contenders().equals("floor");
        List<Contender> contenders = new ArrayList<>(floorOnly ? List.of(psql, bascule) : List.of(psql, bascule, flyway, psqlWithExtras));
        // Current peers, each with its own class path (bench/peers/*/pom.xml), when the script provides them.
        options.flyway13Classpath().filter(cp -> !floorOnly).ifPresent(cp -> contenders.add(new Contender.Flyway(java,
                options.repo().resolve("bench/target/classes") + File.pathSeparator + cp, set.flywayDir(),
                Contender.jarVersion(cp, "flyway-core"))));
        if (options.liquibaseClasspath().isPresent() && !floorOnly) {
            String cp = options.liquibaseClasspath().get();
            contenders.add(new Contender.Liquibase(java, cp,
                    LiquibaseChangelog.write(set.flywayDir(), options.work().resolve("liquibase")),
                    Contender.jarVersion(cp, "liquibase-core")));
        }
        Optional<Contender.Bascule> baseline = options.baselineRepo().map(other -> new Contender.Bascule(
                "bascule migrate (baseline)", other.resolve("bascule"), set.basculeDir()));
        baseline.ifPresent(b -> contenders.add(2, b));
        String status = "bascule status (" + options.migrations() + " applied)";
        String noop = "bascule migrate, nothing pending";
        String version = "bascule --version (start-up floor)";
        for (ResultsTable table : List.of(wall, cpu, memory)) {
            contenders.forEach(c -> table.row(c.name()));
            List.of(status, noop, version).forEach(table::row);
        }
        String loadBefore = loadAverage();

        // Warm-up round, untimed: OS file cache, the launcher's class-data-sharing archive, PostgreSQL's catalogs.
        progress("warm-up round (not timed)");
        for (Contender contender : contenders) {
            apply(contender, "warmup", false);
        }
        for (int r = 1; r <= options.repetitions(); r++) {
            progress("repetition " + r + " of " + options.repetitions());
            for (int k = 0; k < contenders.size(); k++) {
                // Rotating the order spreads whatever drifts during a round (cache, other builds) over all contenders.
                Contender contender = contenders.get((k + r) % contenders.size());
                String database = apply(contender, "r" + r, true);
                if (contender instanceof Contender.Bascule b && b == bascule) {
                    TimedProcess.Run s = timed(b.statusCommand(server, database), "status-r" + r);
                    long applied = Files.readAllLines(s.log()).stream().filter(l -> l.matches(".*\\sapplied\\s.*")).count();
                    if (applied != options.migrations()) {
                        throw new IllegalStateException("bascule status listed " + applied + " applied migrations, expected "
                                + options.migrations() + "; see " + s.log());
                    }
                    record(status, s);
                    TimedProcess.Run again = timed(b.command(server, database), "noop-r" + r);
                    // "applied 0 migration(s)" until the CLI stopped printing a count of none; "nothing to migrate" since.
                    if (Files.readAllLines(again.log()).stream().noneMatch(l -> l.startsWith("applied 0 migration(s)")
                            || l.contains("nothing to migrate: the database is up to date"))) {
                        throw new IllegalStateException("a second bascule migrate did not report 'applied 0 migration(s)' or 'nothing to migrate'; see " + again.log());
                    }
                    record(noop, again);
                }
                dropDatabase(database);
            }
            record(version, timed(List.of(bascule.launcher().toString(), "--version"), "version-r" + r));
        }
        List<String> compared = contenders.stream().filter(c -> c != psql).map(Contender::name).toList();
        return header(loadBefore, loadAverage())
                + wall.render(Optional.of(psql.name()), compared, options.migrations()) + System.lineSeparator()
                + cpu.render(Optional.empty(), compared, options.migrations()) + System.lineSeparator()
                + memory.render(Optional.empty(), compared, options.migrations());
    }

    /** Applies every migration with one contender on a new database, verifies the result, returns the database. */
    private String apply(Contender contender, String round, boolean timedRound) throws Exception {
        String database = "bench_" + (++databaseCounter) + "_" + round;
        admin("CREATE DATABASE " + database);
        String label = contender.name().replaceAll("[^a-z0-9]+", "-");
        TimedProcess.Run run = timed(contender.command(server, database), label + "-" + round);
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database), server.user(), null)) {
            List<String> problems = SchemaCheck.differences(connection, set.expected(), contender.historyCount());
            if (!problems.isEmpty()) {
                throw new IllegalStateException(contender.name() + " exited 0 but did not apply every migration to " + database
                        + ":\n  " + String.join("\n  ", problems) + "\nits output is in " + run.log());
            }
        }
        progress(String.format(Locale.ROOT, "  %-20s %8.0f ms  (verified: %d migrations)", contender.name(), run.millis(),
                options.migrations()));
        if (timedRound) {
            record(contender.name(), run);
        } else {
            dropDatabase(database);
        }
        return database;
    }

    private void record(String label, TimedProcess.Run run) {
        wall.add(label, run.millis());
        run.cpuMillis().ifPresent(ms -> cpu.add(label, ms));
        run.peakRssKib().ifPresent(kib -> memory.add(label, kib / 1024.0));
    }

    /** The 1, 5 and 15 minute load averages: on a shared 2-core machine they say how much to trust the figures. */
    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        if (!Files.isReadable(loadavg)) {
            return "unknown";
        }
        String[] parts = Files.readString(loadavg).trim().split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
    }

    private TimedProcess.Run timed(List<String> command, String logName) throws IOException, InterruptedException {
        return TimedProcess.run(command, options.work(), logs.resolve(logName + ".log"), options.limit());
    }

    private void dropDatabase(String database) throws SQLException {
        admin("DROP DATABASE " + database);
    }

    private void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), null);
             Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private String header(String loadBefore, String loadAfter) throws Exception {
        List<String> lines = new ArrayList<>();
        ExpectedSchema e = set.expected();
        lines.add(String.format(Locale.ROOT, "Runner benchmark: %d migrations (%d tables, %d indexes, %d functions with $$ bodies,"
                + " %d inserted rows), each contender on a fresh database;", e.migrations(), e.tables(), e.indexes(), e.functions(),
                e.dataRows() + e.migrations()));
        lines.add(String.format(Locale.ROOT, "%d timed repetitions after one untimed warm-up, median reported; every run verified"
                + " (tables, indexes, functions, rows, history rows).", options.repetitions()));
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), null)) {
            lines.add("server: PostgreSQL " + show(connection, "server_version") + " (zonky embedded, 127.0.0.1), synchronous_commit="
                    + show(connection, "synchronous_commit") + ", fsync=" + show(connection, "fsync") + ", shared_buffers="
                    + show(connection, "shared_buffers"));
        }
        lines.add("client: " + firstLine(List.of(options.psql().toString(), "--version")) + "; JDK " + System.getProperty("java.version")
                + "; " + Runtime.getRuntime().availableProcessors() + " cores; " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + "; load average (1, 5, 15 min) " + loadBefore + " at start, " + loadAfter + " at end");
        lines.add("bascule runs through the repository's ./bascule launcher (-XX:TieredStopAtLevel=1, class-data-sharing archive);"
                + " Flyway as java -cp <flyway-core, flyway-database-postgresql, pgjdbc, slf4j-simple> FlywayMain, default JVM flags;"
                + " Liquibase as its own command line (liquibase update) on one formatted-SQL changelog, analytics off.");
        return String.join(System.lineSeparator(), lines) + System.lineSeparator() + System.lineSeparator();
    }

    private String firstLine(List<String> command) throws IOException, InterruptedException {
        TimedProcess.Run run = timed(command, "psql-version");
        return Files.readAllLines(run.log()).stream().findFirst().orElse("").trim();
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean isEmptyDirectory(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (var entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void progress(String message) {
        System.err.println(message);
    }
}
