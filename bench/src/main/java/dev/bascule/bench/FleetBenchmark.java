package dev.bascule.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet benchmark of issue 18: D databases of one embedded PostgreSQL 17, each given the same M generated
 * migrations, by one {@code bascule migrate} process per database (sequential) and by one {@code bascule fleet
 * migrate --parallel N} process; wall time of the whole job, the server's CPU (from {@code /proc}, see
 * {@link ServerCpu}) and the client's (GNU time). Every database is checked afterwards. Run it through
 * {@code bench/run-fleet-bench.sh}.
 */
public final class FleetBenchmark {

    /** One way of migrating every database: a process per database, or one fleet process with a parallelism. */
    private record Contender(String name, Optional<Integer> parallel) {
    }

    /** One timed run: wall milliseconds, server CPU seconds, client CPU milliseconds (empty without GNU time). */
    private record Figures(double wallMs, double serverCpuS, Optional<Double> clientCpuMs) {
    }

    private static final String HISTORY_COUNT = "SELECT count(*) FROM public.bascule_schema_migrations WHERE success";

    private final FleetBenchOptions options;
    private final GeneratedSet set;
    private final ServerAddress server;
    private final ServerCpu cpu;
    private final Path logs;
    private final Map<String, List<Figures>> figures = new LinkedHashMap<>();
    private final List<String> commands = new ArrayList<>();

    private FleetBenchmark(FleetBenchOptions options, GeneratedSet set, ServerAddress server, ServerCpu cpu, Path logs) {
        this.options = options;
        this.set = set;
        this.server = server;
        this.cpu = cpu;
        this.logs = logs;
    }

    public static void main(String[] args) throws Exception {
        FleetBenchOptions options = FleetBenchOptions.parse(args);
        if (Files.exists(options.work()) && Files.list(options.work()).findAny().isPresent()) {
            throw new IllegalArgumentException(options.work() + ": work folder exists and is not empty; pass a new one");
        }
        Path work = Files.createDirectories(options.work());
        GeneratedSet set = MigrationGenerator.generate(work.resolve("migrations"), options.migrations());
        Path logs = Files.createDirectories(work.resolve("logs"));
        Path data = work.resolve("pgdata");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile())).start()) {
            ServerAddress server = new ServerAddress("127.0.0.1", postgres.getPort(), "postgres");
            String report = new FleetBenchmark(options, set, server, ServerCpu.of(data), logs).run();
            System.out.print(report);
            Files.writeString(work.resolve("results.txt"), report);
        }
    }

    private String run() throws Exception {
        List<Contender> contenders = new ArrayList<>();
        contenders.add(new Contender("sequential: bascule migrate x " + options.databases(), Optional.empty()));
        options.parallel().forEach(p -> contenders.add(new Contender("bascule fleet migrate --parallel " + p, Optional.of(p))));
        contenders.forEach(c -> figures.put(c.name(), new ArrayList<>()));
        int rerunParallel = options.parallel().contains(4) ? 4 : options.parallel().get(options.parallel().size() - 1);
        String rerun = "bascule fleet migrate --parallel " + rerunParallel + ", nothing pending";
        figures.put(rerun, new ArrayList<>());
        String loadBefore = loadAverage();

        progress("warm-up (not timed): the launcher's class-data-sharing archive, the OS file cache");
        for (Contender contender : List.of(contenders.get(0), contenders.get(contenders.size() - 1))) {
            List<String> dbs = createDatabases("warm_" + (contender.parallel().isPresent() ? "f" : "s"), 2);
            measure(contender, "warm", dbs);
            dropDatabases(dbs);
        }
        for (int r = 1; r <= options.repetitions(); r++) {
            progress("round " + r + " of " + options.repetitions());
            for (int k = 0; k < contenders.size(); k++) {
                // Rotating the order spreads whatever drifts during a round (cache, other work) over all contenders.
                Contender contender = contenders.get((k + r) % contenders.size());
                String prefix = "r" + r + "_" + contender.parallel().map(p -> "p" + p).orElse("seq");
                List<String> dbs = createDatabases(prefix, options.databases());
                Figures f = measure(contender, prefix, dbs);
                verify(contender, dbs);
                figures.get(contender.name()).add(f);
                progress(String.format(Locale.ROOT, "  %-44s %9.0f ms wall, server CPU %6.1f s (verified: %d databases)",
                        contender.name(), f.wallMs(), f.serverCpuS(), dbs.size()));
                if (contender.parallel().equals(Optional.of(rerunParallel))) {
                    Figures again = measure(contender, prefix + "_again", dbs);
                    figures.get(rerun).add(again);
                    progress(String.format(Locale.ROOT, "  %-44s %9.0f ms wall", rerun, again.wallMs()));
                }
                dropDatabases(dbs);
            }
        }
        return header(loadBefore, loadAverage()) + table(contenders.get(0).name());
    }

    /** Runs one contender over {@code dbs}; the server's CPU is read once its sessions have all ended. */
    private Figures measure(Contender contender, String label, List<String> dbs) throws Exception {
        double cpuBefore = cpu.seconds();
        long start = System.nanoTime();
        double clientCpu = 0;
        boolean clientMeasured = true;
        if (contender.parallel().isEmpty()) {
            for (String db : dbs) {
                List<String> command = List.of(launcher(), "migrate", "--url", server.jdbcUrl(db), "--user", server.user(),
                        "--path", set.basculeDir().toString());
                remember(command);
                TimedProcess.Run run = TimedProcess.run(command, options.work(), logs.resolve(label + "-" + db + ".log"), options.limit());
                clientCpu += run.cpuMillis().orElse(0.0);
                clientMeasured &= run.cpuMillis().isPresent();
            }
        } else {
            String prefix = dbs.get(0).substring(0, dbs.get(0).lastIndexOf('_') + 1);
            List<String> command = List.of(launcher(), "fleet", "migrate", "--databases-from",
                    "SELECT datname FROM pg_database WHERE datname LIKE '" + prefix.replace("_", "\\_") + "%' ORDER BY datname",
                    "--url", server.jdbcUrl("postgres"), "--user", server.user(), "--path", set.basculeDir().toString(),
                    "--parallel", String.valueOf(contender.parallel().get()));
            remember(command);
            TimedProcess.Run run = TimedProcess.run(command, options.work(), logs.resolve(label + ".log"), options.limit());
            clientCpu = run.cpuMillis().orElse(0.0);
            clientMeasured = run.cpuMillis().isPresent();
        }
        double wall = (System.nanoTime() - start) / 1e6;
        awaitNoSessions(dbs);
        return new Figures(wall, cpu.seconds() - cpuBefore, clientMeasured ? Optional.of(clientCpu) : Optional.empty());
    }

    private void remember(List<String> command) {
        String text = String.join(" ", command.stream().map(a -> a.contains(" ") ? "\"" + a + "\"" : a).toList());
        String shape = text.replaceAll("r\\d+_(seq|p\\d+)_\\d+", "DB").replaceAll("r\\d+\\\\_(seq|p\\d+)\\\\_", "PREFIX\\\\_");
        if (commands.stream().noneMatch(c -> c.equals(shape)) && !text.contains("warm")) {
            commands.add(shape);
        }
    }

    /** Every database holds every table, index, function and row, and 50 successful history rows. */
    private void verify(Contender contender, List<String> dbs) throws SQLException {
        for (String db : dbs) {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(db), server.user(), null)) {
                List<String> problems = SchemaCheck.differences(c, set.expected(), Optional.of(HISTORY_COUNT));
                if (!problems.isEmpty()) {
                    throw new IllegalStateException(contender.name() + " exited 0 but did not apply every migration to "
                            + db + ":\n  " + String.join("\n  ", problems) + "\nlogs are in " + logs);
                }
            }
        }
    }

    /** Waits (at most 10 s) until no session is left on the databases, so their backends' CPU has been counted. */
    private void awaitNoSessions(List<String> dbs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String list = String.join("','", dbs);
        while (System.nanoTime() < deadline) {
            if (adminCount("SELECT count(*) FROM pg_stat_activity WHERE datname IN ('" + list + "')") == 0) {
                Thread.sleep(100); // the postmaster reaps an ended backend (moving its CPU into cutime) a moment later
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("sessions were still open on the benchmark's databases 10 s after the run ended");
    }

    private List<String> createDatabases(String prefix, int count) throws SQLException {
        List<String> dbs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String db = String.format(Locale.ROOT, "%s_%03d", prefix, i);
            admin("CREATE DATABASE " + db);
            dbs.add(db);
        }
        return dbs;
    }

    private void dropDatabases(List<String> dbs) throws SQLException {
        for (String db : dbs) {
            admin("DROP DATABASE " + db);
        }
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), null);
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private long adminCount(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), null);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String launcher() {
        return options.repo().resolve("bascule").toString();
    }

    private String table(String sequential) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-50s%10s%10s%10s%16s%16s%n", "wall time of the whole job", "min s",
                "median s", "speed-up", "server CPU s", "client CPU s"));
        double base = median(figures.get(sequential).stream().map(Figures::wallMs).toList());
        for (Map.Entry<String, List<Figures>> row : figures.entrySet()) {
            List<Figures> runs = row.getValue();
            if (runs.isEmpty()) {
                continue;
            }
            double median = median(runs.stream().map(Figures::wallMs).toList());
            double min = runs.stream().mapToDouble(Figures::wallMs).min().orElseThrow();
            double server = median(runs.stream().map(Figures::serverCpuS).toList());
            String client = runs.stream().allMatch(f -> f.clientCpuMs().isPresent())
                    ? String.format(Locale.ROOT, "%16.1f", median(runs.stream().map(f -> f.clientCpuMs().get() / 1000).toList()))
                    : String.format(Locale.ROOT, "%16s", "n/a");
            sb.append(String.format(Locale.ROOT, "%-50s%10.1f%10.1f%9.2fx%16.1f%s%n", row.getKey(), min / 1000,
                    median / 1000, base / median, server, client));
        }
        sb.append(String.format(Locale.ROOT, "(medians of %d round(s); every run: %s)%n", options.repetitions(),
                String.join(" / ", figures.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                        .map(e -> e.getValue().stream().map(f -> String.format(Locale.ROOT, "%.1f", f.wallMs() / 1000))
                                .reduce((a, b) -> a + ", " + b).orElse("")).toList())));
        sb.append(System.lineSeparator()).append("commands (DB: one database; PREFIX: the round's databases):").append(System.lineSeparator());
        commands.forEach(c -> sb.append("  ").append(c).append(System.lineSeparator()));
        return sb.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private String header(String loadBefore, String loadAfter) throws SQLException {
        List<String> lines = new ArrayList<>();
        ExpectedSchema e = set.expected();
        lines.add(String.format(Locale.ROOT, "Fleet benchmark: %d databases x %d migrations (%d tables, %d indexes, %d functions,"
                + " inserts) on one server; fresh databases for every contender and round; every database verified.",
                options.databases(), e.migrations(), e.tables(), e.indexes(), e.functions()));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), null)) {
            lines.add("server: PostgreSQL " + show(c, "server_version") + " (zonky embedded, 127.0.0.1), fsync=" + show(c, "fsync")
                    + ", synchronous_commit=" + show(c, "synchronous_commit") + ", max_connections=" + show(c, "max_connections"));
        }
        lines.add("server CPU: user+system time of the postmaster and all its processes from /proc/<pid>/stat (ended backends"
                + " through the postmaster's cutime/cstime), read before and after each job; client CPU: GNU time, user+system,"
                + " summed over processes.");
        lines.add("client: JDK " + System.getProperty("java.version") + "; " + Runtime.getRuntime().availableProcessors()
                + " cores shared by client and server; load average (1, 5, 15 min) " + loadBefore + " at start, " + loadAfter + " at end");
        return String.join(System.lineSeparator(), lines) + System.lineSeparator() + System.lineSeparator();
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        if (!Files.isReadable(loadavg)) {
            return "unknown";
        }
        String[] parts = Files.readString(loadavg).trim().split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
    }

    private static void progress(String message) {
        System.err.println(message);
    }
}
