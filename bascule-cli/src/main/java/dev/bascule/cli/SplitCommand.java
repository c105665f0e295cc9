package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.SplitResult;
import dev.bascule.error.SourceSyntaxError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** {@code bascule split FILE [--json]}: prints a script's statements exactly as psql would send them. */
@Command(name = "split", description = "Print the statements of a SQL script, cut where psql would cut them.")
public final class SplitCommand extends DatabaseCommand {

    /** Exit status for an unreadable or unsplittable script. */
    static final int SCRIPT_ERROR = BasculeCommand.EXIT_USAGE;

    @Parameters(index = "0", paramLabel = "FILE", description = "SQL script (UTF-8); \\i and \\ir includes are followed")
    Path file;

    @Option(names = "--json", description = "print a JSON array of {line, column, kind, sql}")
    boolean json;

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        SplitResult result;
        try {
            result = bascule.split(file);
        } catch (NoSuchFileException e) {
            err.println("bascule split: " + file + ": no such file; check the path");
            return SCRIPT_ERROR;
        } catch (IOException e) {
            err.println("bascule split: " + file + ": cannot read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
            return SCRIPT_ERROR;
        } catch (SourceSyntaxError e) {
            err.println("bascule split: " + e.getMessage());
            return SCRIPT_ERROR;
        }
        if (result.secret()) {
            err.println("bascule split: " + file + " is a secure migration: only positions and kinds are shown");
        }
        if (json) {
            result.printJson(out);
        } else {
            result.printText(out);
        }
        return 0;
    }
}
