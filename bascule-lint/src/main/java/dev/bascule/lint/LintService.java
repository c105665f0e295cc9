package dev.bascule.lint;

import dev.bascule.catalog.Migration;
import dev.bascule.catalog.MigrationFileName;
import dev.bascule.catalog.Version;
import dev.bascule.lint.fix.FixOptions;
import dev.bascule.lint.fix.FixReport;
import dev.bascule.lint.fix.LintFixer;
import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.FunctionAssumption;
import dev.bascule.lint.model.LintConfig;
import dev.bascule.lint.model.LintContext;
import dev.bascule.lint.model.LintResult;
import dev.bascule.lint.model.RuleConfig;
import dev.bascule.lint.observed.ObservedLocks;
import dev.bascule.lint.parse.Routine.Volatility;
import dev.bascule.lint.rules.Rules;
import dev.bascule.trace.TraceReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The linter as a service: lints migration files or folders, or what an environment has not applied yet against
 * its live tables, under the rules and configuration of {@link LintOptions}, and returns a {@link LintReport}.
 * Files are independent and rules keep no state, so files are linted in parallel; the report keeps their order.
 */
public final class LintService {

    public static final int EXIT_CLEAN = 0;
    public static final int EXIT_ERRORS = 1;
    public static final int EXIT_USAGE = 2;

    /** Bound on each catalogue query of {@code --pending}. */
    private static final Duration CATALOGUE_TIMEOUT = Duration.ofSeconds(30);

    private final LintOptions options;
    private final LintConfig config;
    private final Linter linter = Linter.standard();

    /** @throws LintUsageException for an unknown rule id or a bad {@code lint:} section */
    public LintService(LintOptions options) {
        this.options = options;
        LintConfig configured;
        try {
            configured = LintConfigReader.read(options.configSection(), options.configSource());
        } catch (IllegalArgumentException e) {
            throw new LintUsageException(e.getMessage(), e);
        }
        if (options.profile() != null) {
            configured = configured.withProfile(options.profile());
        }
        for (String id : options.enable()) {
            configured = configured.withRule(known(id, "--enable"), new RuleConfig(null, true, List.of(), null));
        }
        for (String id : options.disable()) {
            configured = configured.withRule(known(id, "--disable"), new RuleConfig(null, false, List.of(), null));
        }
        this.config = configured;
    }

    private static String known(String id, String option) {
        if (Rules.byId(id).isEmpty()) {
            throw new LintUsageException(option + ": no rule '" + id + "'; see docs/rules/README.md for the ids");
        }
        return id;
    }

    /**
     * Lints files and folders (folders are searched for {@code .sql} files; {@code X.down.sql} files are not
     * linted but tell {@code --require-down} that {@code X.up.sql} has one).
     *
     * @throws LintUsageException for a path that does not exist or a folder that cannot be listed
     * @throws UncheckedIOException when a file cannot be read
     */
    public LintReport lintFiles(List<Path> paths) {
        return lintFiles(paths, null);
    }

    /**
     * {@code lint --trace FILES}: as {@link #lintFiles(List)}, with what {@code trace} (of the same files, on a
     * shadow copy of an environment) saw each statement do: findings carry the observed lock, rewrites and
     * whole-table reads, and {@code observed-lock} reports where the server contradicts the linter.
     *
     * @param trace the trace of these files, or {@code null} for none
     */
    public LintReport lintFiles(List<Path> paths, TraceReport trace) {
        List<Path> files = expand(paths);
        ObservedLocks observed = trace == null ? null
                : ObservedLocks.of(trace, files.stream().map(Path::toString).toList());
        LintContext base = LintContext.filesOnly(config).withObserved(observed)
                .withRunnerLockTimeout(!Boolean.FALSE.equals(options.runnerSetsLockTimeout()))
                .withRunnerStatementTimeout(Boolean.TRUE.equals(options.runnerSetsStatementTimeout()));
        Stream<Path> stream = files.size() > 1 ? files.parallelStream() : files.stream();
        List<LintResult> results = stream
                .map(file -> linter.lint(file, base.withReversibility(options.requireDown(), hasDownMigration(file))))
                .toList();
        return report(resolveAssumptions(results, files.stream().map(p -> p.getFileName().toString()).toList()),
                List.of(), observed);
    }

    /**
     * {@code lint --fix}: rewrites what the rules with a mechanical safe form flag in {@code paths} (files or
     * folders, as {@link #lintFiles(List)} takes them), adding the migrations those forms need after each file; with
     * {@link FixOptions#write()} false nothing is written. See {@code docs/lint-fix.md}.
     *
     * @throws LintUsageException for a path that does not exist
     * @throws UncheckedIOException when a file cannot be read or written
     */
    public FixReport fixFiles(List<Path> paths, FixOptions fix) {
        LintContext base = LintContext.filesOnly(config)
                .withRunnerLockTimeout(!Boolean.FALSE.equals(options.runnerSetsLockTimeout()))
                .withRunnerStatementTimeout(Boolean.TRUE.equals(options.runnerSetsStatementTimeout()));
        return new LintFixer(linter, base, fix).fix(expand(paths));
    }

    /**
     * Lints the migrations an environment has not applied, knowing its tables (so an index on a table created
     * in the same release is fine), their row estimates, column types and functions. Secure migrations are
     * never linted (findings quote SQL); a note counts them.
     *
     * @throws LintUsageException when the environment's catalogue cannot be read
     */
    public LintReport lintPending(PendingMigrations environment) {
        return lintPending(environment, null);
    }

    /**
     * {@code lint --pending --trace}: as {@link #lintPending(PendingMigrations)}, with what {@code trace} of the
     * same pending migrations saw each statement do (see {@link #lintFiles(List, TraceReport)}). Secure migrations
     * are still not linted; their observed facts are listed by position only.
     *
     * @param trace the trace of the environment's pending migrations, or {@code null} for none
     */
    public LintReport lintPending(PendingMigrations environment, TraceReport trace) {
        List<Migration> migrations = environment.pending();
        ObservedLocks observed = trace == null ? null
                : ObservedLocks.of(trace, migrations.stream().map(Migration::path).toList());
        DatabaseSnapshot snapshot;
        try (Connection connection = environment.connect()) {
            snapshot = DatabaseSnapshot.read(connection, CATALOGUE_TIMEOUT);
        } catch (SQLException e) {
            throw new LintUsageException("lint --pending: cannot read the tables of " + environment.describe()
                    + ": " + e.getMessage(), e);
        }
        LintContext base = snapshot.applyTo(LintContext.filesOnly(config)).withObserved(observed)
                .withRunnerLockTimeout(options.runnerSetsLockTimeout() != null ? options.runnerSetsLockTimeout()
                        : !environment.runnerLockTimeout().isZero())
                .withRunnerStatementTimeout(options.runnerSetsStatementTimeout() != null
                        ? options.runnerSetsStatementTimeout() : !environment.runnerStatementTimeout().isZero());
        List<String> notes = new ArrayList<>();
        long secure = migrations.stream().filter(Migration::secret).count();
        if (secure > 0) {
            notes.add(secure + " secure migration(s) not linted (their text is never shown)");
        }
        List<Migration> linted = migrations.stream()
                .filter(m -> !m.secret() && m.file().format().isSql()).toList();
        Stream<Migration> stream = linted.size() > 1 ? linted.parallelStream() : linted.stream();
        List<LintResult> results = stream
                .map(m -> linter.lint(m.path(), m.text(), base.withReversibility(options.requireDown(),
                        m.down().isPresent()), m.location().isLocal() ? Linter.RUNNER_INCLUDES : null))
                .toList();
        return report(resolveAssumptions(results, linted.stream().map(Migration::fileName).toList()), notes,
                observed);
    }

    private LintReport report(List<LintResult> results, List<String> notes, ObservedLocks observed) {
        List<String> all = new ArrayList<>(notes);
        if (observed != null) {
            all.addAll(observed.notes());
        }
        return new LintReport(results, linter.rules(), all, options.format(), observed);
    }

    /**
     * Withdraws findings that took a function as volatile when a file linted before (in version order, then in
     * the order given) declares it IMMUTABLE or STABLE.
     */
    static List<LintResult> resolveAssumptions(List<LintResult> results, List<String> fileNames) {
        if (results.stream().allMatch(r -> r.assumptions().isEmpty())) {
            return results;
        }
        List<Integer> order = IntStream.range(0, results.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> versionOf(fileNames.get(i)),
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        Map<String, Volatility> declared = new HashMap<>();
        List<LintResult> resolved = new ArrayList<>(results);
        for (int i : order) {
            LintResult result = results.get(i);
            List<Finding> withdrawn = new ArrayList<>();
            for (FunctionAssumption a : result.assumptions()) {
                if (a.functions().stream().allMatch(f -> declared.containsKey(f)
                        && declared.get(f) != Volatility.VOLATILE)) {
                    withdrawn.add(a.finding());
                }
            }
            resolved.set(i, result.without(withdrawn));
            declared.putAll(result.declaredFunctions());
        }
        return resolved;
    }

    private static Version versionOf(String fileName) {
        Optional<MigrationFileName> name = MigrationFileName.parse(fileName).value();
        return name.map(MigrationFileName::version).orElse(null);
    }

    /** True when {@code X.up.sql} has an {@code X.down.sql} beside it; files not named {@code .up.sql} have none. */
    static boolean hasDownMigration(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".up.sql") && Files.exists(
                file.resolveSibling(name.substring(0, name.length() - ".up.sql".length()) + ".down.sql"));
    }

    private static List<Path> expand(List<Path> arguments) {
        List<Path> out = new ArrayList<>();
        for (Path p : arguments) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> f.toString().endsWith(".sql") && !f.toString().endsWith(".down.sql"))
                            .sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new LintUsageException(p + ": cannot list the directory: " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new LintUsageException(p + ": no such file or directory; pass migration files or "
                        + "directories holding them");
            }
        }
        return out;
    }
}
