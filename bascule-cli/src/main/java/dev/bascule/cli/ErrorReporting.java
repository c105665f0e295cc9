package dev.bascule.cli;

import dev.bascule.error.BasculeException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.BooleanSupplier;

/** How the CLI reports failures: one line naming what to do, the documented exit code, a stack trace only with --debug. */
final class ErrorReporting {

    private ErrorReporting() {
    }

    /** Failures thrown while a command runs. */
    static CommandLine.IExecutionExceptionHandler execution(BooleanSupplier debug) {
        return (e, commandLine, parseResult) -> {
            PrintWriter w = commandLine.getErr();
            if (e instanceof BasculeException be) {
                w.println("bascule: " + be.getMessage());
                w.flush();
                return be.exitCode();
            }
            w.println("bascule: internal error: " + e + (debug.getAsBoolean() ? "" : " (run with --debug for the stack trace)"));
            if (debug.getAsBoolean()) {
                e.printStackTrace(w);
            }
            w.flush();
            return 1;
        };
    }

    /** Bad usage: an unknown command or option, a missing parameter. Exit 2 and the usage of the command at fault. */
    static CommandLine.IParameterExceptionHandler parameters() {
        return (e, args) -> {
            CommandLine cl = e.getCommandLine();
            PrintWriter w = cl.getErr();
            String where = cl.getCommandSpec().qualifiedName();
            if (e instanceof CommandLine.UnmatchedArgumentException u && !cl.getSubcommands().isEmpty()
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                w.println(where + ": unknown command '" + u.getUnmatched().get(0) + "'; the commands are: "
                        + String.join(", ", cl.getSubcommands().keySet()) + " (see '" + where + " --help')");
            } else {
                w.println(where + ": " + e.getMessage() + " (see '" + where + " --help')");
            }
            w.flush();
            return BasculeCommand.EXIT_USAGE;
        };
    }

    /**
     * Runs the parsed command, but first refuses arguments nobody matched: picocli leaves them unmatched when
     * {@code --help} is also given, and {@code bascule undo --help} must not print the root usage and succeed.
     */
    static CommandLine.IExecutionStrategy refusingUnmatched(CommandLine.IExecutionStrategy next) {
        return parseResult -> {
            for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
                List<String> unmatched = r.unmatched();
                if (!unmatched.isEmpty()) {
                    throw new CommandLine.UnmatchedArgumentException(r.commandSpec().commandLine(), unmatched);
                }
            }
            return next.execute(parseResult);
        };
    }
}
