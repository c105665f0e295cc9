package dev.bascule.run;

import dev.bascule.error.BasculeException;
import dev.bascule.error.SourceSyntaxError;
import dev.bascule.sql.IncludeResolver;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptFiles;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.Statement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one kind of {@link Hooks}, in order, stopping at the first failure. */
final class HookRunner {

    private final Path baseDir;
    private final String environment;
    private final Hooks hooks;
    private final MigrationListener listener;

    HookRunner(Path baseDir, String environment, Hooks hooks, MigrationListener listener) {
        this.baseDir = baseDir;
        this.environment = environment;
        this.hooks = hooks;
        this.listener = listener;
    }

    /**
     * @param when      {@code before-migrate}, {@code after-each}, ... for messages
     * @param exitCode  the exit code a failure gets (1 before anything is applied, 5 after)
     * @param variables extra environment variables for shell commands
     */
    void run(String when, List<Hooks.Hook> list, Connection connection, Map<String, String> variables, int exitCode) {
        for (Hooks.Hook hook : list) {
            try {
                if (hook instanceof Hooks.Hook.SqlFile sql) {
                    runSql(sql.file(), connection);
                } else if (hook instanceof Hooks.Hook.Command command) {
                    runCommand(command.command(), variables);
                }
                listener.info(when + " hook done: " + describe(hook));
            } catch (HookError e) {
                throw new BasculeException.HookFailed(when + " hook " + describe(hook) + " failed: " + e.getMessage(),
                        exitCode);
            }
        }
    }

    private static String describe(Hooks.Hook hook) {
        return hook instanceof Hooks.Hook.SqlFile sql ? sql.file().toString()
                : "'" + ((Hooks.Hook.Command) hook).command() + "'";
    }

    private void runSql(Path file, Connection connection) throws HookError {
        Path path = baseDir.resolve(file);
        Script script;
        try {
            script = ScriptParser.parse(path.toString(), ScriptFiles.readUtf8(path), IncludeResolver.fileSystem(baseDir));
        } catch (IOException e) {
            throw new HookError("cannot read " + path + ": " + e.getMessage());
        } catch (SourceSyntaxError e) {
            throw new HookError(e.getMessage());
        }
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try {
                for (Statement statement : script.statements()) {
                    StatementExecutor.execute(connection, "hook " + path.getFileName(), false, statement);
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException | BasculeException.MigrationFailed e) {
            throw new HookError(e.getMessage());
        }
    }

    private void runCommand(String command, Map<String, String> variables) throws HookError {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(baseDir.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("BASCULE_ENVIRONMENT", environment);
        builder.environment().putAll(variables);
        try {
            Path output = Files.createTempFile("bascule-hook", ".out");
            try {
                Process process = builder.redirectOutput(output.toFile()).start();
                if (!process.waitFor(hooks.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new HookError("still running after " + hooks.timeout().toSeconds() + " s (hooks' timeout);"
                            + " it was stopped");
                }
                String out = Files.readString(output).strip();
                if (!out.isEmpty()) {
                    out.lines().forEach(line -> listener.info("hook: " + line));
                }
                if (process.exitValue() != 0) {
                    throw new HookError("exit status " + process.exitValue());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new HookError("cannot run it: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookError("interrupted");
        }
    }

    /** A hook's own failure, before it is given its exit code. */
    private static final class HookError extends Exception {
        HookError(String message) {
            super(message);
        }
    }
}
