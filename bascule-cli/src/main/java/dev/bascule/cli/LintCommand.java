package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.Project;
import dev.bascule.Settings;
import dev.bascule.catalog.Migration;
import dev.bascule.error.BasculeException;
import dev.bascule.lint.LintOptions;
import dev.bascule.lint.LintReport;
import dev.bascule.lint.LintService;
import dev.bascule.lint.LintUsageException;
import dev.bascule.lint.PendingMigrations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bascule lint FILES...}: exit 0 when clean, 1 when a finding is an error, 2 on a usage error. */
@Command(name = "lint",
        description = {"Checks migration files for operations that lock, lose data or break a rolling deploy.",
                "Directories are searched for .sql files. Exit status: 0 clean, 1 errors found, 2 usage error."})
public final class LintCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    BasculeCommand root;

    @CommandLine.Mixin
    TargetOptions target;

    @Parameters(arity = "0..*", paramLabel = "FILES", description = "Migration files or directories to lint.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--pending", description = "Lint the migrations not yet applied to the environment (--env), knowing"
            + " its tables, their sizes, column types and functions.")
    boolean pending;

    @Option(names = "--trace", description = "Also apply the same migrations to a shadow copy of the environment's"
            + " database (as bascule trace does) and add what the server did to the report: each finding gets the"
            + " lock really held, rewrites and whole-table reads; observed-lock reports where the linter was wrong.")
    boolean trace;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, sarif or github (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "default or strict (adds opt-in rules such as"
            + " require-statement-timeout); default: lint.profile of bascule.yml, else default.")
    String profile;

    @Option(names = "--require-down", description = "Every X.up.sql needs an X.down.sql beside it.")
    boolean requireDown;

    @Option(names = "--runner-sets-lock-timeout", description = "The runner sets lock_timeout itself; do not ask files"
            + " to (the default unless the environment's lock-timeout is 0).")
    boolean runnerSetsLockTimeout;

    @Option(names = "--enable", paramLabel = "RULE", split = ",", description = "Switch rules on (e.g. opt-in ones).")
    List<String> enable = new ArrayList<>();

    @Option(names = "--disable", paramLabel = "RULE", split = ",", description = "Switch rules off.")
    List<String> disable = new ArrayList<>();

    @Option(names = "--fix", description = "Rewrite what has a mechanical safe form (CREATE INDEX, foreign keys and"
            + " checks, SET NOT NULL, volatile defaults), adding the migrations it needs; shows the changes only,"
            + " unless --write (see docs/lint-fix.md).")
    boolean fix;

    @Option(names = "--write", description = "With --fix: rewrite the files and create the new migrations.")
    boolean write;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            LintOptions.Builder options = LintOptions.builder().format(format).profile(profile).enable(enable)
                    .disable(disable).requireDown(requireDown).runnerSetsLockTimeout(runnerSetsLockTimeout ? Boolean.TRUE : null);
            if (files.isEmpty() && !pending) {
                throw new LintUsageException("name migration FILES (or folders), or --pending to lint what an"
                        + " environment has not applied yet");
            }
            if (write && !fix || fix && pending) {
                throw new LintUsageException(write && !fix ? "--write goes with --fix" : "--fix works on FILES, not --pending");
            }
            // Without bascule.yml, linting files needs no configuration classes (nor the YAML/JSON reader).
            Project project = pending || fix || target.config != null || target.lockTimeout != null
                    || Project.findConfigFile(root.workingDir()).isPresent() ? root.project(target.config) : null;
            if (project != null) {
                project.configFile().ifPresent(path -> options.config(project.lintSection(), path.toString()));
            }
            if (fix) {
                var fixed = new LintService(options.build()).fixFiles(files.stream().map(f -> root.workingDir().resolve(f))
                        .toList(), LintFixOptions.of(project, target, root.workingDir(), write));
                spec.commandLine().getOut().print(fixed.render());
                spec.commandLine().getOut().flush();
                return fixed.exitCode();
            }
            LintReport report;
            if (pending) {
                try (Bascule bascule = root.open(target, null, new ConsoleListener(spec.commandLine().getOut(), err))) {
                    LintService service = new LintService(options.build());
                    report = trace ? service.lintPending(pendingOf(bascule), bascule.trace())
                            : service.lintPending(pendingOf(bascule));
                }
            } else {
                if (project != null) {
                    // The runner's own settings: lock-timeout of the environment (or --lock-timeout), 10 s by default.
                    Settings settings = project.settings(target.overrides(null));
                    options.runnerSetsLockTimeout(runnerSetsLockTimeout || !settings.lockTimeout().isZero())
                            .runnerSetsStatementTimeout(!settings.statementTimeout().isZero());
                }
                List<Path> resolved = files.stream().map(f -> root.workingDir().resolve(f)).toList();
                if (trace) { // the files on a shadow copy of the environment's database, as it is
                    try (Bascule bascule = root.open(target, null, new ConsoleListener(spec.commandLine().getOut(), err))) {
                        report = new LintService(options.build()).lintFiles(resolved, bascule.trace(files));
                    }
                } else {
                    report = new LintService(options.build()).lintFiles(resolved);
                }
            }
            report.notes().forEach(note -> err.println("bascule lint: " + note));
            spec.commandLine().getOut().print(report.render());
            spec.commandLine().getOut().flush();
            return report.exitCode();
        } catch (LintUsageException | BasculeException.Configuration | UncheckedIOException e) {
            err.println("bascule lint: " + e.getMessage());
            return LintService.EXIT_USAGE;
        }
    }

    /** The facade's pending migrations, connection and runner settings, as the linter asks for them. */
    private static PendingMigrations pendingOf(Bascule bascule) {
        return new PendingMigrations() {
            public List<Migration> pending() {
                return bascule.status().toApply();
            }

            public Connection connect() {
                return bascule.connect();
            }

            public Duration runnerLockTimeout() {
                return bascule.settings().lockTimeout();
            }

            public Duration runnerStatementTimeout() {
                return bascule.settings().statementTimeout();
            }

            public String describe() {
                return bascule.database().describe();
            }
        };
    }
}
