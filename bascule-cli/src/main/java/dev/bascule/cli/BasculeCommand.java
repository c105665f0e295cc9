package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.Project;
import dev.bascule.Settings;
import dev.bascule.run.MigrationListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The top-level {@code bascule} command; each job is a subcommand class of its own, listed in {@link CommandTable}.
 *
 * <p>Exit codes: 0 ok, 1 a migration failed, 2 usage or configuration error (including an unreachable database
 * or a refused login), 3 validation failed, 4 migration lock not obtained.
 */
@Command(name = "bascule", version = "bascule 0.1.0",
        description = "PostgreSQL schema migrations that keep the application serving.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:a migration failed", "2:usage or configuration error, database unreachable or login refused",
                "3:validation failed (nothing applied)", "4:migration lock not obtained",
                "5:migrations applied, but an after-migrate hook failed",
                "6:fleet: one or more targets failed (the summary says which and why)"})
public final class BasculeCommand implements Runnable {

    public static final int EXIT_USAGE = 2;

    private final Path workingDir;
    private final BufferedReader input;

    // -h/--help on every command (inherited); -V/--version only here, so a subcommand may have a --version option.
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, scope = CommandLine.ScopeType.INHERIT,
            description = "Show this help message and exit.")
    boolean help;

    @CommandLine.Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of internal errors.")
    boolean debug;

    @CommandLine.Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Print only results and errors: no progress or waiting lines.")
    boolean quiet;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Also print what the run is set up with (environment, database, locations, limits).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public BasculeCommand(Path workingDir) {
        this(workingDir, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    private BasculeCommand(Path workingDir, BufferedReader input) {
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.input = input;
    }

    Path workingDir() {
        return workingDir;
    }

    /** The working directory's project: its bascule.yml (or {@code --config}) and the process environment. */
    Project project(String configFile) {
        return Project.open(workingDir, configFile, System::getenv);
    }

    /** The listener for a command's run, following --quiet. */
    ConsoleListener listener(PrintWriter out, PrintWriter err) {
        return new ConsoleListener(out, err, quiet, workingDir);
    }

    /** The facade for one environment, resolved from the options; close it to stop an embedded server. */
    Bascule open(TargetOptions options, String targetVersion, MigrationListener listener) {
        return open(options, targetVersion, listener, b -> b);
    }

    /** As above, with command-specific settings ({@code migrate --allow-phase-skip}) applied on top. */
    Bascule open(TargetOptions options, String targetVersion, MigrationListener listener,
                 java.util.function.UnaryOperator<Settings.Builder> adjust) {
        Settings settings = adjust.apply(project(options.config).settings(options.overrides(targetVersion)).toBuilder()).build();
        if (verbose && !quiet) {
            listener.info("environment " + settings.environment() + ": " + settings.database().map(d -> d.describe())
                    .orElse(settings.embedded().map(h -> "embedded PostgreSQL in " + h).orElse("no database"))
                    + "; locations " + settings.locations() + settings.manifestForNewMigrations().map(m -> "; manifest " + m).orElse("")
                    + "; lock-wait " + settings.lockWait().toSeconds() + " s, lock-timeout " + settings.lockTimeout().toMillis()
                    + " ms, statement-timeout " + settings.statementTimeout().toMillis() + " ms, lock retries "
                    + settings.lockRetries() + settings.role().map(r -> ", role " + r).orElse(""));
        }
        return Bascule.load(settings, listener);
    }

    /** Where confirmations are read from (standard input, or a test's text). */
    BufferedReader input() {
        return input;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static int run(String[] args) {
        return execute(Path.of(""), new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs {@code args} in {@code workingDir}, building only the commands they need ({@link CommandTable}); the
     * process entry point and the in-process tests both come through here.
     */
    static int execute(Path workingDir, BufferedReader input, PrintWriter out, PrintWriter err, String... args) {
        return newCommandLine(workingDir, input, out, err, CommandTable.needed(java.util.List.of(args))).execute(args);
    }

    /** The whole command tree (for help and completion); tests call this with their own folder and writers. */
    public static CommandLine newCommandLine(Path workingDir, PrintWriter out, PrintWriter err) {
        return newCommandLine(workingDir, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out, err,
                java.util.List.copyOf(CommandTable.COMMANDS.keySet()));
    }

    private static CommandLine newCommandLine(Path workingDir, BufferedReader input, PrintWriter out, PrintWriter err,
                                              java.util.List<String> commands) {
        BasculeCommand root = new BasculeCommand(workingDir, input);
        CommandLine cl = new CommandLine(root);
        CommandTable.addTo(cl, commands);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(ErrorReporting.execution(() -> root.debug));
        cl.setParameterExceptionHandler(ErrorReporting.parameters());
        cl.setExecutionStrategy(ErrorReporting.refusingUnmatched(new CommandLine.RunLast()));
        return cl;
    }
}
