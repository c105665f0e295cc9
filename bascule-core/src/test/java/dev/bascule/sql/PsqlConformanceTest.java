package dev.bascule.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * psql conformance: runs the real {@code psql -X -f FILE} over every SQL file of MilMove's migration tree
 * against an embedded PostgreSQL 17 that logs every statement it receives ({@code log_statement=all},
 * {@code jsonlog}), and compares the statements psql sent with Bascule's split of the same file, after
 * removing comments and collapsing white space identically on both sides.
 *
 * <p>Setup choices: each file runs in its own psql process (application_name identifies its log entries),
 * with ON_ERROR_STOP=0 so failing statements do not stop it, and ON_ERROR_ROLLBACK=on so a failure inside a
 * BEGIN ... COMMIT block does not abort the rest of the block (psql's own savepoint statements are filtered from
 * the log). Most statements fail in the empty scratch database, which is fine: the server logs each query
 * psql sends either way. COPY ... FROM STDIN is the exception: psql only reads the data block when the COPY
 * succeeds, so files with COPY run in a fresh database where {@link CopyTargets} has created each target table
 * with text columns. Files under {@code secure/} are compared but never quoted in failure messages.
 *
 * <p>One deliberate difference is normalised away: psql also sends empty queries (the second {@code ;} of
 * {@code ;;}, or a comment left after the last {@code ;}), which the server logs and ignores; Bascule drops
 * them. After normalisation both are empty (or a lone {@code ;}) and are removed from both sides.
 */
@Tag("psql")
class PsqlConformanceTest {

    private static final Path PSQL = Path.of("/usr/bin/psql");
    private static final Duration PER_FILE_LIMIT = Duration.ofMinutes(2);

    @TempDir
    Path work;

    @Test
    void psqlSendsExactlyTheStatementsBasculeSplitsForEveryMilMoveFile() throws Exception {
        Path root = MilMoveCorpus.require();
        List<Path> files = MilMoveCorpus.sqlFiles(root);
        assertThat(files).hasSizeGreaterThan(1000);
        assertThat(mismatches(root, files)).as("files where Bascule's split differs from what psql sent").isEmpty();
    }

    /** Hand-written scripts for the constructs the corpus rarely uses (string forms, nesting, BEGIN ATOMIC...). */
    @Test
    void psqlSendsExactlyTheStatementsBasculeSplitsForTheEdgeCases() throws Exception {
        Path root = Path.of(PsqlConformanceTest.class.getResource("/sql/psql-edge-cases").toURI());
        List<Path> files;
        try (Stream<Path> stream = Files.list(root)) {
            files = stream.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        assertThat(mismatches(root, files)).as("files where Bascule's split differs from what psql sent").isEmpty();
    }

    private List<String> mismatches(Path root, List<Path> files) throws Exception {
        Path psql = Files.isExecutable(PSQL) ? PSQL : null;
        Assumptions.assumeTrue(psql != null, "psql not installed at " + PSQL + " (.ci/run installs postgresql-client)");
        Path logDirectory = Files.createDirectories(work.resolve("log"));
        List<Script> scripts = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (Path file : files) {
            try {
                scripts.add(ScriptParser.parse(file.toString(), ScriptFiles.readUtf8(file)));
            } catch (ScriptSyntaxError e) {
                scripts.add(null); // psql still runs it; the file is reported instead of compared
                mismatches.add(root.relativize(file) + ": bascule cannot split it: line " + e.line() + ", column "
                        + e.column() + ": " + e.detail());
            }
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_destination", "jsonlog")
                .setServerConfig("log_directory", logDirectory.toString())
                .setServerConfig("log_filename", "statements.log")
                .setServerConfig("log_statement", "all")
                .setServerConfig("log_min_error_statement", "error")
                .start()) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
                connection.createStatement().execute("CREATE DATABASE scratch");
            }
            for (int i = 0; i < files.size(); i++) {
                String database = "scratch";
                if (scripts.get(i) != null && scripts.get(i).statements().stream()
                        .anyMatch(s -> s.kind() == StatementKind.COPY_FROM_STDIN)) {
                    database = "copy_" + i;
                    prepareCopyDatabase(postgres, database, scripts.get(i));
                }
                runPsql(psql, postgres.getPort(), database, "file-" + i, files.get(i));
            }
            runPsql(psql, postgres.getPort(), "scratch", "sentinel", writeSentinel());
            PsqlStatementLog log = awaitLog(logDirectory);
            for (int i = 0; i < files.size(); i++) {
                if (scripts.get(i) == null) {
                    continue;
                }
                compare(root, files.get(i), scripts.get(i), log.sentBy("file-" + i), mismatches);
            }
            return mismatches;
        }
    }

    private static void prepareCopyDatabase(EmbeddedPostgres postgres, String database, Script script)
            throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("CREATE DATABASE " + database);
        }
        try (Connection connection = postgres.getDatabase("postgres", database).getConnection()) {
            CopyTargets.create(connection, script.statements());
        }
    }

    private void runPsql(Path psql, int port, String database, String applicationName, Path file)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(psql.toString(), "-X", "-q", "-h", "localhost", "-p",
                String.valueOf(port), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=0", "-v",
                "ON_ERROR_ROLLBACK=on", "-o", "/dev/null", "-f", file.toString());
        builder.environment().put("PGAPPNAME", applicationName);
        builder.environment().put("PGOPTIONS", "-c statement_timeout=60s");
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        if (!process.waitFor(PER_FILE_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("psql did not finish " + file + " within " + PER_FILE_LIMIT);
        }
    }

    private Path writeSentinel() throws IOException {
        return Files.writeString(work.resolve("sentinel.sql"), "SELECT 'bascule conformance sentinel';\n");
    }

    /** The logging collector writes asynchronously: wait until the sentinel query has reached the log. */
    private static PsqlStatementLog awaitLog(Path logDirectory) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<Path> logs;
            try (Stream<Path> stream = Files.list(logDirectory)) {
                logs = stream.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
            PsqlStatementLog log = PsqlStatementLog.read(logs);
            if (log.hasApplication("sentinel")) {
                return log;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server log in " + logDirectory + " never showed the sentinel query");
            }
            Thread.sleep(200);
        }
    }

    private static void compare(Path root, Path file, Script script, List<String> sent, List<String> mismatches) {
        List<String> expected = script.statements().stream().map(s -> SqlNormalizer.normalize(s.sql()))
                .filter(s -> !SqlNormalizer.isEmptyQuery(s)).toList();
        List<String> actual = sent.stream().map(SqlNormalizer::normalize).filter(s -> !SqlNormalizer.isEmptyQuery(s))
                .toList();
        if (expected.equals(actual)) {
            return;
        }
        String relative = root.relativize(file).toString();
        boolean secure = relative.contains("/secure/");
        int index = 0;
        while (index < expected.size() && index < actual.size() && expected.get(index).equals(actual.get(index))) {
            index++;
        }
        String where = index < script.statements().size() ? "line " + script.statements().get(index).line()
                : "end of file";
        String detail = "bascule " + expected.size() + " statements, psql " + actual.size() + "; first difference at "
                + where + " (statement " + (index + 1) + ")";
        if (!secure) {
            detail += "\n    bascule: " + preview(expected, index) + "\n    psql:    " + preview(actual, index);
        }
        mismatches.add(relative + ": " + detail);
    }

    private static String preview(List<String> statements, int index) {
        if (index >= statements.size()) {
            return "(none)";
        }
        String text = statements.get(index);
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }
}
