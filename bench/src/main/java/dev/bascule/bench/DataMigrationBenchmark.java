package dev.bascule.bench;

import dev.bascule.history.ProgressKey;
import dev.bascule.history.ProgressTable;
import dev.bascule.run.batch.BatchListener;
import dev.bascule.run.batch.BatchOptions;
import dev.bascule.run.batch.BatchResult;
import dev.bascule.run.batch.BatchedStatementRunner;
import dev.bascule.sql.DirectiveKind;
import dev.bascule.sql.ScriptParser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

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

/**
 * Issue 11's data-migration benchmark: lower-casing the emails of a 1,000,000-row table (10,000,000 with
 * {@code --rows 10000000}) three ways: (a) one UPDATE, (b) seed 002's DO block paging with OFFSET over the
 * predicate its own UPDATE changes, as written in the seed, (c) the same UPDATE under {@code -- bascule:batch}
 * through {@link BatchedStatementRunner}. Then (c) again while pgbench runs a read/write load on the same table,
 * against pgbench alone. Prints figures; asserts nothing but correctness of (a) and (c). Run it through
 * {@code bench/data-migration-bench.sh}.
 */
public final class DataMigrationBenchmark {

    static final String SEED_002_LOOP = """
            DO $$
            DECLARE
              batch_size INT := 1000;
              offset_val INT := 0;
              rows_updated INT;
            BEGIN
              LOOP
                UPDATE users
                SET email = LOWER(TRIM(email))
                WHERE id IN (
                  SELECT id FROM users
                  WHERE email != LOWER(TRIM(email))
                  ORDER BY id
                  LIMIT batch_size
                  OFFSET offset_val
                );

                GET DIAGNOSTICS rows_updated = ROW_COUNT;
                offset_val := offset_val + batch_size;

                EXIT WHEN rows_updated = 0;

                -- Add delay to avoid overwhelming database
                PERFORM pg_sleep(0.1);
              END LOOP;
            END $$;
            """;

    static final String ONE_UPDATE = "UPDATE users SET email = lower(trim(email)), touched = touched + 1 WHERE "
            + BackfillTable.DIRTY;

    /** One contender's run. */
    record Run(String name, double seconds, long rowsChanged, double longestTxSeconds, long rowsLeft, long twice,
               String note) {
        double rowsPerSecond() {
            return rowsChanged / seconds;
        }
    }

    private final DataMigrationOptions options;
    private final String url;
    private final ProgressTable progress = new ProgressTable("public", "bascule_bench_progress");

    private DataMigrationBenchmark(DataMigrationOptions options, String url) {
        this.options = options;
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        DataMigrationOptions options = DataMigrationOptions.parse(args);
        Path work = Files.createDirectories(options.work());
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
            StringBuilder report = new StringBuilder();
            new DataMigrationBenchmark(options, server.jdbcUrl("postgres")).run(server, logs, report);
            Files.writeString(work.resolve("results.txt"), report);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", null);
    }

    private void run(ServerAddress server, Path logs, StringBuilder report) throws Exception {
        long dirty;
        String version;
        try (Connection c = connect()) {
            version = text(c, "SELECT current_setting('server_version') || ', fsync=' || current_setting('fsync')"
                    + " || ', synchronous_commit=' || current_setting('synchronous_commit') || ', shared_buffers='"
                    + " || current_setting('shared_buffers')");
            line(report, "creating the template table (" + fmt(options.rows()) + " rows)...");
            BackfillTable.createTemplate(c, options.rows());
            BackfillTable.reset(c);
            dirty = BackfillTable.dirtyRows(c);
        }
        line(report, "data-migration benchmark: " + fmt(options.rows()) + " rows, " + fmt(dirty) + " to change"
                + " (email not lower-cased and trimmed); ids with gaps; batch size " + options.size()
                + (options.pause().isZero() ? "" : ", pause " + options.pause().toMillis() + " ms"));
        line(report, "PostgreSQL " + version + "; " + Runtime.getRuntime().availableProcessors() + " CPUs;"
                + " load average at start " + loadAverage());
        line(report, "");
        line(report, String.format(Locale.ROOT, "%-36s %9s %13s %10s %13s %11s %11s", "contender", "total s",
                "rows changed", "rows/s", "longest tx s", "rows missed", "changed 2x"));
        List<Run> runs = new ArrayList<>();
        for (int r = 1; r <= options.repetitions(); r++) {
            runs.add(print(report, oneUpdate(dirty, r)));
            runs.add(print(report, batched(dirty, r)));
        }
        if (options.offsetLoop()) {
            runs.add(print(report, seedLoop(dirty)));
        }
        double a = median(runs, "(a)");
        double c = median(runs, "(c)");
        line(report, String.format(Locale.ROOT, "(c) rows/s / (a) rows/s (medians): %.2f (goal >= 0.50)", c / a));
        double slowestBatched = runs.stream().filter(r -> r.name().startsWith("(c)")).mapToDouble(Run::seconds).max()
                .orElse(60);
        concurrent(server, logs, dirty, report, options.loadSeconds() > 0 ? options.loadSeconds()
                : (int) Math.ceil(slowestBatched * 2 + 10));
        line(report, "load average at end " + loadAverage());
    }

    private static Run print(StringBuilder report, Run run) {
        line(report, String.format(Locale.ROOT, "%-36s %9.2f %13s %10s %13.3f %11s %11s%s", run.name(),
                run.seconds(), fmt(run.rowsChanged()), fmt(Math.round(run.rowsPerSecond())),
                run.longestTxSeconds(), fmt(run.rowsLeft()), run.twice() < 0 ? "n/a" : fmt(run.twice()),
                run.note().isEmpty() ? "" : "  " + run.note()));
        return run;
    }

    private Run oneUpdate(long dirty, int repetition) throws SQLException {
        try (Connection c = connect()) {
            BackfillTable.reset(c);
            long start = System.nanoTime();
            long rows;
            try (Statement st = c.createStatement()) {
                rows = st.executeUpdate(ONE_UPDATE);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Run("(a) one UPDATE #" + repetition, seconds, rows, seconds, BackfillTable.dirtyRows(c),
                    BackfillTable.changedTwice(c), "");
        }
    }

    private Run seedLoop(long dirty) throws SQLException {
        try (Connection c = connect()) {
            BackfillTable.reset(c);
            long start = System.nanoTime();
            String note = "";
            try (Statement st = c.createStatement()) {
                st.execute("SET statement_timeout = " + options.offsetLoopLimit().toMillis());
                st.execute(SEED_002_LOOP);
            } catch (SQLException e) {
                if (!"57014".equals(e.getSQLState())) {
                    throw e;
                }
                note = "cancelled after " + options.offsetLoopLimit().toSeconds() + " s, all rolled back";
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long left = BackfillTable.dirtyRows(c);
            // One DO block is one transaction: the longest transaction is the whole run.
            return new Run("(b) seed 002 OFFSET loop (DO block)", seconds, dirty - left, seconds, left, -1, note);
        }
    }

    private Run batched(long dirty, int repetition) throws SQLException {
        try (Connection c = connect()) {
            BackfillTable.reset(c);
            List<Long> micros = new ArrayList<>();
            BatchResult result = runBatched(c, new BatchListener() {
                @Override
                public void afterBatch(dev.bascule.run.batch.BatchReport report) {
                    micros.add(report.transaction().toNanos() / 1000);
                }
            });
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Run("(c) bascule:batch size=" + options.size() + " #" + repetition,
                    result.elapsed().toNanos() / 1e9, result.rowsThisRun(), result.longestTransaction().toNanos() / 1e9,
                    BackfillTable.dirtyRows(c), BackfillTable.changedTwice(c), String.format(Locale.ROOT,
                    "%d batches, transaction p50 %.0f ms, p99 %.0f ms", result.batchesThisRun(),
                    PgbenchLoad.percentile(sorted, 0.50) / 1000.0, PgbenchLoad.percentile(sorted, 0.99) / 1000.0));
        }
    }

    private BatchResult runBatched(Connection c, BatchListener listener) throws SQLException {
        progress.ensureExists(c);
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE " + progress.qualifiedName());
        }
        String directive = "-- bascule:batch size=" + options.size()
                + (options.pause().isZero() ? "" : " pause=" + options.pause().toMillis() + "ms");
        dev.bascule.sql.Statement statement = ScriptParser.parse("bench.sql", directive + "\n" + ONE_UPDATE + ";")
                .statements().get(0);
        BatchOptions batch = BatchOptions.parse(statement.directive(DirectiveKind.BATCH).orElseThrow());
        return new BatchedStatementRunner(progress).run(c, statement, batch, new ProgressKey("bench", 1, "x"),
                listener);
    }

    /** pgbench alone, then pgbench while (c) runs; latency of the transactions completed during the backfill. */
    private void concurrent(ServerAddress server, Path logs, long dirty, StringBuilder report, int loadSeconds)
            throws Exception {
        PgbenchLoad load = new PgbenchLoad(options.pgbench(), server, "postgres", options.clients(), options.rate(), logs);
        long maxId;
        try (Connection c = connect()) {
            BackfillTable.reset(c);
            maxId = BackfillTable.maxId(c);
        }
        int baselineSeconds = options.baselineSeconds();
        Process alone = load.start(maxId, baselineSeconds, "alone");
        PgbenchLoad.Summary base = PgbenchLoad.summary(load.finish(alone, Duration.ofSeconds(baselineSeconds + 120),
                "alone"));
        try (Connection c = connect()) {
            BackfillTable.vacuum(c);
        }
        Process during = load.start(maxId, loadSeconds, "during");
        Thread.sleep(3000);
        long from = System.currentTimeMillis() * 1000;
        BatchResult result;
        long left;
        long twice;
        try (Connection c = connect()) {
            result = runBatched(c, BatchListener.none());
            left = BackfillTable.dirtyRows(c);
            twice = BackfillTable.changedTwice(c);
        }
        long to = System.currentTimeMillis() * 1000;
        List<PgbenchLoad.Sample> samples = load.finish(during, Duration.ofSeconds(loadSeconds + 120), "during");
        PgbenchLoad.Summary backfill = PgbenchLoad.summary(samples, from, to);
        long lastSample = samples.stream().mapToLong(PgbenchLoad.Sample::endMicros).max().orElse(0);
        line(report, "");
        line(report, "pgbench " + options.pgbench() + ": " + load.describe());
        line(report, String.format(Locale.ROOT, "%-34s %12s %8s %8s %8s %9s", "pgbench", "transactions", "tps",
                "p50 ms", "p99 ms", "max ms"));
        row(report, "alone (" + baselineSeconds + " s)", base);
        row(report, "during (c) (" + Math.round((to - from) / 1e6) + " s)", backfill);
        line(report, String.format(Locale.ROOT, "p99 during backfill / p99 alone: %.2f (goal < 2.00)%s",
                backfill.p99Ms() / base.p99Ms(), lastSample < to ? "  WARNING: pgbench ended before the backfill;"
                        + " raise --load-seconds" : ""));
        line(report, String.format(Locale.ROOT, "(c) under load: %.2f s, %s rows/s, longest transaction %.3f s,"
                        + " %s rows missed, %s changed twice, %d batches",
                result.elapsed().toNanos() / 1e9, fmt(Math.round(result.rowsThisRun() / (result.elapsed().toNanos() / 1e9))),
                result.longestTransaction().toNanos() / 1e9, fmt(left), fmt(twice), result.batchesThisRun()));
    }

    private static void row(StringBuilder report, String name, PgbenchLoad.Summary s) {
        line(report, String.format(Locale.ROOT, "%-34s %12s %8.1f %8.2f %8.2f %9.2f", name, fmt(s.transactions()),
                s.tps(), s.p50Ms(), s.p99Ms(), s.maxMs()));
    }

    private static double median(List<Run> runs, String prefix) {
        double[] values = runs.stream().filter(r -> r.name().startsWith(prefix)).mapToDouble(Run::rowsPerSecond)
                .sorted().toArray();
        return values.length == 0 ? Double.NaN : values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static void line(StringBuilder report, String text) {
        System.out.println(text);
        System.out.flush();
        report.append(text).append('\n');
    }
}
