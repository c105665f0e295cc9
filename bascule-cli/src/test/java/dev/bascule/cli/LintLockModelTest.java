package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.Overrides;
import dev.bascule.Project;
import dev.bascule.catalog.MigrationFileName;
import dev.bascule.catalog.ScriptFormat;
import dev.bascule.lint.model.LintConfig;
import dev.bascule.lint.model.LintContext;
import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.parse.ParsedScript;
import dev.bascule.lint.parse.SqlStatement;
import dev.bascule.run.MigrationListener;
import dev.bascule.testing.TestDatabase;
import dev.bascule.trace.MigrationTrace;
import dev.bascule.trace.StatementTrace;
import dev.bascule.trace.TraceReport;
import dev.bascule.trace.TraceScript;
import dev.bascule.trace.Tracer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 4: the linter's lock model checked against the server. MilMove's whole history is replayed as
 * {@code MilmoveReplayTest} replays it (same stops, same fixes), and before each {@code migrate} the migrations it
 * is about to apply are traced on a shadow copy. Every traced statement is then linted and the strongest lock the
 * linter predicts ({@code StatementLocks}) is compared with the strongest lock the server took on the statement's
 * target. They agree, or the disagreement is in the exception table of docs/lint-lock-model.md.
 *
 * <p>It lives in bascule-cli's tests because that is where the linter, the trace engine, the milmove preset and fizz
 * translation (bascule-pop, runtime) and the replay's fixes all are.
 */
@Tag("milmove")
class LintLockModelTest {

    private static final Pattern FAILED_MIGRATION = Pattern.compile("in migration (\\S+), statement starting at line");
    private static final int MAX_STOPS = 40;

    @TempDir
    Path dir;

    private final Map<String, StatementTrace> traced = new LinkedHashMap<>();
    private long traceNanos;
    private int traces;

    private CliRun bascule(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BasculeCommand.execute(dir, new java.io.BufferedReader(new java.io.StringReader("")), new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * The whole history with -Dbascule.lockmodel.full=true. By default the history up to the end of 2022 (legacy
     * stage): 2018-2022 hold nearly every kind of schema change the corpus has, on a database still small enough to be
     * copied quickly, while the later years add large data loads (and most of the replay's stops).
     */
    private static final boolean FULL = Boolean.getBoolean("bascule.lockmodel.full");
    private static final String DEFAULT_LAST_VERSION = "20221222212831"; // the last migration of 2022 (--target must name one)

    private long copyNanos;
    private int skippedFiles;
    private final Set<String> measuredFiles = new java.util.HashSet<>();

    /** Traces what migrate would apply now (up to {@code target}); keeps every statement that ran without error. */
    private void trace(TestDatabase db, String target) {
        long start = System.nanoTime();
        long[] copied = {0};
        Overrides overrides = new Overrides(null, db.url(), "postgres", null, List.of(), null, false, target, null,
                null, null, null);
        MigrationListener listener = new MigrationListener() {
            @Override
            public void info(String message) {
                if (copied[0] == 0 && message.startsWith("trace: shadow database ")) {
                    copied[0] = System.nanoTime() - start;
                }
            }
        };
        TraceReport report;
        try (Bascule b = Bascule.load(Project.open(dir, null, k -> null).settings(overrides), listener)) {
            report = new Tracer(b.database(), b.settings(), listener).trace(b.catalog(), List.of(), this::measured);
        }
        for (MigrationTrace m : report.migrations()) {
            for (StatementTrace s : m.statements()) {
                if (!s.failed()) {
                    traced.put(s.file() + "#" + s.index(), s);
                }
            }
        }
        copyNanos += copied[0];
        traceNanos += System.nanoTime() - start;
        traces++;
    }

    /** Whether a file is measured: with FULL every file; else those that change the schema (not pure data). */
    private boolean measured(TraceScript script) {
        if (FULL || measuredFiles.contains(script.file())) {
            return true;
        }
        boolean data = new MigrationFile(parsed(script.file()), LintContext.filesOnly(LintConfig.defaults()))
                .isDataMigration();
        if (data) {
            skippedFiles++;
            return false;
        }
        measuredFiles.add(script.file());
        return true;
    }

    /**
     * On a server of its own: the replay creates MilMove's roles, which belong to the server, and the shared test
     * server's later MilMove replays would stop at "role already exists".
     */
    @Test
    void theLintersLockModelAgreesWithTheServerOnEveryMilmoveStatement() throws Exception {
        var located = MilmoveTree.locate();
        Assumptions.assumeTrue(located.isPresent(), MilmoveTree.ABSENT);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD).setErrorRedirector(ProcessBuilder.Redirect.DISCARD).start()) {
            new TestDatabase(postgres.getPort(), "postgres").execute("CREATE DATABASE lock_model");
            compare(located.get(), new TestDatabase(postgres.getPort(), "lock_model"));
        }
    }

    private void compare(MilmoveTree tree, TestDatabase db) throws Exception {
        var located = Optional.of(tree);
        located.get().copyWithPlaceholders(dir);
        Files.writeString(dir.resolve("bascule.yml"), String.join("\n", "environments:", "  replay:",
                "    preset: milmove", "    statement-timeout: 300s", "    lock-wait: 10s", ""));
        String[] connection = {"--url", db.url(), "--user", "postgres"};
        db.execute(ReplayFixes.placeholderParentsFunctions());
        long started = System.nanoTime();
        replay(db, connection);
        long replayMs = (System.nanoTime() - started) / 1_000_000;

        long compareStart = System.nanoTime();
        Map<LockModelComparison.Verdict, Integer> verdicts = new EnumMap<>(LockModelComparison.Verdict.class);
        Map<String, List<String>> disagreements = new TreeMap<>();
        Map<String, Map<Long, SqlStatement>> linted = new HashMap<>();
        for (StatementTrace s : traced.values()) {
            SqlStatement statement = linted.computeIfAbsent(s.file(), LintLockModelTest::lint)
                    .get(position(s.line(), s.column()));
            assertThat(statement).as("the linter has no statement at %s:%d:%d", s.file(), s.line(), s.column()).isNotNull();
            LockModelComparison c = LockModelComparison.of(statement, s);
            verdicts.merge(c.verdict(), 1, Integer::sum);
            if (c.verdict() == LockModelComparison.Verdict.DISAGREE) {
                // Documented per kind, predicted mode and observed mode.
                disagreements.computeIfAbsent(c.key(), k -> new ArrayList<>())
                        .add(Path.of(s.file()).getFileName() + ":" + s.line());
            }
        }
        long compareMs = (System.nanoTime() - compareStart) / 1_000_000;
        System.out.printf("lint lock model (%s): %d statements traced in %d traces (%d ms tracing, of which %d ms making"
                        + " shadow copies; %d ms replay in all, %d ms comparing; %d file applications without probes): %s%n",
                FULL ? "whole corpus, every file" : "history to 2022, schema-changing files", traced.size(), traces, traceNanos / 1_000_000,
                copyNanos / 1_000_000, replayMs, compareMs, skippedFiles, verdicts);
        disagreements.forEach((key, where) -> System.out.printf("  %s: %d statement(s), e.g. %s%n", key, where.size(),
                where.stream().limit(3).collect(Collectors.joining(", "))));

        assertThat(traced).hasSizeGreaterThan(FULL ? 40_000 : 5_000);
        Set<String> documented = documentedExceptions();
        assertThat(disagreements.keySet()).as("disagreements missing from docs/lint-lock-model.md").isSubsetOf(documented);
        if (FULL) {
            assertThat(documented).as("exceptions in docs/lint-lock-model.md no statement shows any more")
                    .isSubsetOf(disagreements.keySet());
        }
    }

    /** MilmoveReplayTest's loop, with a trace before every migrate. */
    private void replay(TestDatabase db, String[] connection) {
        List<String> stops = new ArrayList<>();
        String[] migrate = FULL ? args("migrate", connection) : args("migrate", connection, "--target", DEFAULT_LAST_VERSION);
        while (true) {
            trace(db, FULL ? null : DEFAULT_LAST_VERSION);
            CliRun run = bascule(migrate);
            if (run.exitCode() == 0) {
                return;
            }
            assertThat(stops).as("too many stops; the last:%n%s", run.err()).hasSizeLessThan(MAX_STOPS);
            Matcher failed = FAILED_MIGRATION.matcher(run.err());
            assertThat(failed.find()).as("migrate failed without naming a migration:%n%s", run.err()).isTrue();
            String migration = failed.group(1);
            Optional<String> fix = ReplayFixes.handWritten(migration);
            Optional<ReplayFixes.ForeignKey> fk = ReplayFixes.ForeignKey.in(run.err());
            String version = migration.substring(0, migration.indexOf('_'));
            if (fix.isPresent()) {
                assertThat(stops).as("stopped twice at %s:%n%s", migration, run.err()).doesNotContain(migration);
                db.execute(fix.get());
            } else if (fk.isPresent()) {
                List<ReplayFixes.Dropped> dropped = new ArrayList<>();
                CliRun target = run;
                for (Optional<ReplayFixes.ForeignKey> next = fk; next.isPresent(); next = ReplayFixes.ForeignKey.in(target.err())) {
                    assertThat(dropped).as("%s refuses too many keys:%n%s", migration, target.err()).hasSizeLessThan(6);
                    dropped.add(ReplayFixes.drop(db, next.get()));
                    if (FULL) {
                        trace(db, version); // the rest of the refused data file; data files only count in FULL
                    }
                    target = bascule(args("migrate", connection, "--target", version));
                    if (target.exitCode() == 0) {
                        break;
                    }
                }
                assertThat(target.exitCode()).as("%s still fails:%n%s", migration, target.err()).isZero();
                ReplayFixes.missingParents(db, dropped);
            } else {
                assertThat(ReplayFixes.CORPUS_DEFECTS).as("stopped at %s, which has no fix:%n%s", migration, run.err())
                        .containsKey(migration);
                db.execute("INSERT INTO schema_migration (version) VALUES ('" + version + "')");
                CliRun adopt = bascule(args("adopt", connection, "pop"));
                assertThat(adopt.exitCode()).as(adopt.toString()).isZero();
            }
            stops.add(migration);
        }
    }

    /** The statements of a traced file as the linter reads them (a fizz file: the SQL Bascule ran for it). */
    private static Map<Long, SqlStatement> lint(String file) {
        Map<Long, SqlStatement> byPosition = new HashMap<>();
        for (SqlStatement s : parsed(file).statements()) {
            byPosition.put(position(s.line(), s.column()), s);
        }
        return byPosition;
    }

    private static ParsedScript parsed(String file) {
        try {
            Path path = Path.of(file);
            String text = Files.readString(path, StandardCharsets.UTF_8);
            Optional<MigrationFileName> name = MigrationFileName.parse(path.getFileName().toString()).value();
            if (name.isPresent()) {
                text = ScriptFormat.sqlOf(name.get(), file, text);
            }
            return ParsedScript.parse(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long position(int line, int column) {
        return ((long) line << 32) | column;
    }

    /** The keys ({@code kind | linter | server}) of the exception table in docs/lint-lock-model.md. */
    static Set<String> documentedExceptions() throws IOException {
        Path doc = repoRoot().resolve("docs/lint-lock-model.md");
        Set<String> keys = new java.util.TreeSet<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("## Exceptions")) {
                inTable = true;
            } else if (line.startsWith("## ")) {
                inTable = false;
            } else if (inTable && line.startsWith("| ") && !line.startsWith("| statement kind") && !line.startsWith("|---")) {
                String[] cells = line.split("\\|");
                keys.add(cells[1].strip().replace("`", "") + " | " + cells[2].strip() + " | " + cells[3].strip());
            }
        }
        return keys;
    }

    private static Path repoRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw"))) {
                return d;
            }
        }
        throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }

    private static String[] args(String command, String[] connection, String... more) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(connection));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
