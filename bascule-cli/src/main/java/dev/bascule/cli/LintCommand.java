package dev.bascule.cli;

import dev.bascule.catalog.Migration;
import dev.bascule.catalog.MigrationFileName;
import dev.bascule.error.BasculeException;
import dev.bascule.lint.DatabaseSnapshot;
import dev.bascule.lint.LintConfig;
import dev.bascule.lint.LintConfigReader;
import dev.bascule.lint.LintContext;
import dev.bascule.lint.LintResult;
import dev.bascule.lint.Linter;
import dev.bascule.lint.RuleConfig;
import dev.bascule.lint.format.ReportFormat;
import dev.bascule.lint.rules.Rules;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code bascule lint FILES...}: exit 0 when clean, 1 when a finding is an error, 2 on a usage error. */
@Command(name = "lint",
        description = {"Checks migration files for operations that lock, lose data or break a rolling deploy.",
                "Directories are searched for .sql files. Exit status: 0 clean, 1 errors found, 2 usage error."})
public final class LintCommand implements Callable<Integer> {

    static final int EXIT_CLEAN = 0;
    static final int EXIT_ERRORS = 1;
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    BasculeCommand root;

    @CommandLine.Mixin
    TargetOptions target;

    @Parameters(arity = "0..*", paramLabel = "FILES", description = "Migration files or directories to lint.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--pending", description = "Lint the migrations not yet applied to the environment (--env), knowing"
            + " its tables, their sizes and column types.")
    boolean pending;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, sarif or github (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--require-down", description = "Every X.up.sql needs an X.down.sql beside it.")
    boolean requireDown;

    @Option(names = "--runner-sets-lock-timeout",
            description = "The runner sets lock_timeout itself; do not ask files to.")
    boolean runnerSetsLockTimeout;

    @Option(names = "--enable", paramLabel = "RULE", split = ",", description = "Switch rules on (e.g. opt-in ones).")
    List<String> enable = new ArrayList<>();

    @Option(names = "--disable", paramLabel = "RULE", split = ",", description = "Switch rules off.")
    List<String> disable = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ReportFormat reportFormat;
        try {
            reportFormat = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            err.println("bascule lint: --format: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (files.isEmpty() && !pending) {
            err.println("bascule lint: name migration FILES (or folders), or --pending to lint what an environment has not applied yet");
            return EXIT_USAGE;
        }
        LintConfig config;
        try {
            config = configuredRules();
        } catch (BasculeException | IllegalArgumentException e) {
            err.println("bascule lint: " + e.getMessage());
            return EXIT_USAGE;
        }
        for (String id : enable) {
            if (Rules.byId(id).isEmpty()) {
                err.println("bascule lint: --enable: no rule '" + id + "'; see docs/rules/README.md for the ids");
                return EXIT_USAGE;
            }
            config = config.withRule(id, new RuleConfig(null, true, List.of(), null));
        }
        for (String id : disable) {
            if (Rules.byId(id).isEmpty()) {
                err.println("bascule lint: --disable: no rule '" + id + "'; see docs/rules/README.md for the ids");
                return EXIT_USAGE;
            }
            config = config.withRule(id, new RuleConfig(null, false, List.of(), null));
        }
        Linter linter = Linter.standard();
        List<LintResult> results;
        if (pending) {
            results = lintPending(linter, config, err);
        } else {
            List<Path> sqlFiles;
            try {
                sqlFiles = expand(files.stream().map(f -> root.workingDir().resolve(f)).toList());
            } catch (IllegalArgumentException e) {
                err.println("bascule lint: " + e.getMessage());
                return EXIT_USAGE;
            }
            LintContext base = LintContext.filesOnly(config).withRunnerLockTimeout(runnerSetsLockTimeout);
            try {
                // Files are independent and the rules keep no state: lint them on all cores, report in order.
                results = sqlFiles.parallelStream()
                        .map(file -> linter.lint(file, base.withReversibility(requireDown, hasDownMigration(file))))
                        .toList();
            } catch (UncheckedIOException e) {
                err.println("bascule lint: " + e.getMessage());
                return EXIT_USAGE;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(reportFormat.render(results, linter.rules()));
        out.flush();
        return results.stream().anyMatch(LintResult::hasErrors) ? EXIT_ERRORS : EXIT_CLEAN;
    }

    /** The {@code lint:} section of bascule.yml when there is one, else the defaults. */
    private LintConfig configuredRules() {
        dev.bascule.Project project = root.project(target.config);
        return project.configFile().map(path -> LintConfigReader.read(project.lintSection(), path.toString()))
                .orElse(LintConfig.defaults());
    }

    /**
     * The environment's pending migrations, linted with what its database knows: which tables exist (so an index
     * on a table created in the same release is fine), their row estimates and column types. Secure migrations
     * are not linted: findings quote their SQL.
     */
    private List<LintResult> lintPending(Linter linter, LintConfig config, PrintWriter err) {
        try (dev.bascule.Bascule t = root.open(target, null, new ConsoleListener(spec.commandLine().getOut(), err))) {
            List<Migration> migrations = t.status().toApply();
            DatabaseSnapshot snapshot;
            try (Connection connection = t.connect()) {
                snapshot = DatabaseSnapshot.read(connection, Duration.ofSeconds(30));
            } catch (SQLException e) {
                throw new BasculeException.Configuration("lint --pending: cannot read the tables of "
                        + t.database().describe() + ": " + e.getMessage());
            }
            LintContext base = snapshot.applyTo(LintContext.filesOnly(config))
                    .withRunnerLockTimeout(runnerSetsLockTimeout || !t.settings().lockTimeout().isZero());
            long secure = migrations.stream().filter(Migration::secret).count();
            if (secure > 0) {
                err.println("bascule lint: " + secure + " secure migration(s) not linted (their text is never shown)");
            }
            return migrations.stream()
                    .filter(m -> !m.secret() && m.file().format().isSql())
                    .map(m -> linter.lint(m.path(), m.text(), base.withReversibility(requireDown, m.down().isPresent())))
                    .toList();
        }
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
                    throw new IllegalArgumentException(p + ": cannot list the directory: " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IllegalArgumentException(p + ": no such file or directory; pass migration files or "
                        + "directories holding them");
            }
        }
        return out;
    }
}
