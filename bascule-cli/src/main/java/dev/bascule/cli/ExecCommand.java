package dev.bascule.cli;

import dev.bascule.config.ConfigFile;
import dev.bascule.config.EnvironmentConfig;
import dev.bascule.config.ResolvedEnvironment;
import dev.bascule.error.BasculeException;
import dev.bascule.run.ScriptExecutor;
import dev.bascule.sql.IncludeResolver;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptFiles;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.ScriptSyntaxError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code bascule exec FILE --env ENV}: runs one file like {@code psql < file}, recording nothing, on environments
 * marked {@code allow-exec: true} (local mirrors of deployed databases, to try a production secure migration).
 * The file is treated as secret: errors give file, line, SQLSTATE and PostgreSQL's message with quoted values masked.
 */
@Command(name = "exec", mixinStandardHelpOptions = true, description = "Run one SQL file against an environment marked allow-exec, without touching the"
        + " migration history.")
final class ExecCommand implements Callable<Integer> {

    @ParentCommand
    BasculeCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Parameters(index = "0", paramLabel = "FILE", description = "The SQL file to run (UTF-8; \\i and \\ir are followed).")
    String file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path workingDir = root.workingDir();
        if (target.environment == null) {
            throw new BasculeException.Configuration("exec: name the environment with --env; exec runs only on"
                    + " environments marked 'allow-exec: true' in bascule.yml");
        }
        Optional<ConfigFile> config = Target.configFile(target, workingDir);
        ResolvedEnvironment env = Target.resolve(target, workingDir);
        EnvironmentConfig declared = config.map(c -> c.environments().get(env.name())).orElse(null);
        if (declared == null || !Boolean.TRUE.equals(declared.allowExec())) {
            throw new BasculeException.Configuration("exec: environment '" + env.name() + "' is not marked"
                    + " 'allow-exec: true' in " + config.map(c -> c.path().toString()).orElse("bascule.yml")
                    + "; exec runs files without recording them, so it is refused except on environments meant for it"
                    + " (a local copy of a deployed database)");
        }
        if (env.database().isEmpty()) {
            throw new BasculeException.Configuration("exec: environment '" + env.name() + "' names no database: set its url");
        }
        Path path = workingDir.resolve(file);
        String shown = Target.displayPath(path, workingDir);
        Script script;
        try {
            script = ScriptParser.parse(shown, ScriptFiles.readUtf8(path), IncludeResolver.fileSystem(workingDir));
        } catch (NoSuchFileException e) {
            throw new BasculeException.Configuration("exec: " + shown + ": no such file; check the path");
        } catch (IOException e) {
            throw new BasculeException.Configuration("exec: " + shown + ": cannot read: " + e.getClass().getSimpleName());
        } catch (ScriptSyntaxError e) {
            throw new BasculeException.Configuration("exec: " + e.sourceName() + ":" + e.line() + ": column " + e.column()
                    + ": " + e.detail() + "; nothing was run");
        }
        ScriptExecutor.Result result = ScriptExecutor.run(env.database().get(), script, true, env.lockTimeout(),
                env.statementTimeout());
        out.println("ran " + result.statements() + " statement(s) of " + shown + " on " + env.name() + " ("
                + env.database().get().describe() + ") in " + result.executionMs() + " ms; nothing was recorded in the history");
        out.flush();
        return 0;
    }
}
