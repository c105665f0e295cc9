package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.error.BasculeException;
import dev.bascule.run.ScriptExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code bascule exec FILE --env ENV}: runs one file like {@code psql < file}, recording nothing, on environments
 * marked {@code allow-exec: true} (local mirrors of deployed databases, to try a production secure migration).
 */
@Command(name = "exec", description = "Run one SQL file against an environment marked allow-exec, without touching the"
        + " migration history.")
final class ExecCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The SQL file to run (UTF-8; \\i and \\ir are followed).")
    String file;

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        if (target.environment == null) {
            throw new BasculeException.Configuration("exec: name the environment with --env; exec runs only on"
                    + " environments marked 'allow-exec: true' in bascule.yml");
        }
        ScriptExecutor.Result result = bascule.exec(Path.of(file));
        out.println("ran " + result.statements() + " statement(s) of " + file + " on " + bascule.settings().environment()
                + " (" + bascule.database().describe() + ") in " + result.executionMs() + " ms; nothing was recorded in"
                + " the history");
        return 0;
    }
}
