package dev.bascule.cli;

import dev.bascule.error.BasculeException;
import dev.bascule.error.SecretRedactor;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * How the CLI reports failures: one line naming what to do, the documented exit code, a stack trace only with --debug.
 * Everything printed here goes through one {@link SecretRedactor}: URL passwords by pattern, and the values of
 * {@code --password}, the URLs given, {@code PGPASSWORD}, {@code DATABASE_URL} and every environment variable whose
 * name says it holds a secret ({@code *PASSWORD*}, {@code *PASSWD*}, {@code *SECRET*}, {@code *TOKEN*}).
 */
final class ErrorReporting {

    private static final List<String> SECRET_NAMES = List.of("PASSWORD", "PASSWD", "SECRET", "TOKEN");

    private ErrorReporting() {
    }

    /** Failures thrown while a command runs. */
    static CommandLine.IExecutionExceptionHandler execution(BooleanSupplier debug) {
        return (e, commandLine, parseResult) -> {
            PrintWriter w = commandLine.getErr();
            SecretRedactor redactor = redactor(parseResult.originalArgs(), optionValues(parseResult), System.getenv());
            if (e instanceof BasculeException be) {
                w.println("bascule: " + redactor.redact(be.getMessage()));
                w.flush();
                return be.exitCode();
            }
            w.println("bascule: internal error: " + redactor.redact(String.valueOf(e))
                    + (debug.getAsBoolean() ? "" : " (run with --debug for the stack trace)"));
            if (debug.getAsBoolean()) {
                w.print(redactor.stackTrace(e));
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
            // picocli quotes the arguments it could not place: a URL or a password among them must not be echoed.
            SecretRedactor redactor = redactor(List.of(args), List.of(), System.getenv());
            if (e instanceof CommandLine.UnmatchedArgumentException u && !cl.getSubcommands().isEmpty()
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                w.println(where + ": unknown command '" + redactor.redact(u.getUnmatched().get(0)) + "'; the commands are: "
                        + String.join(", ", cl.getSubcommands().keySet()) + " (see '" + where + " --help')");
            } else {
                w.println(where + ": " + redactor.redact(e.getMessage()) + " (see '" + where + " --help')");
            }
            w.flush();
            return BasculeCommand.EXIT_USAGE;
        };
    }

    /**
     * Every secret this invocation can know of: the value after {@code --password} (or {@code --password=...}), the
     * passwords of URLs among the arguments, option values picocli read (an interactive password), and the secret
     * values of the environment.
     */
    static SecretRedactor redactor(List<String> args, List<String> optionValues, Map<String, String> env) {
        List<String> secrets = new ArrayList<>(optionValues);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--password") && i + 1 < args.size()) {
                secrets.add(args.get(i + 1));
            } else if (arg.startsWith("--password=")) {
                secrets.add(arg.substring("--password=".length()));
            }
            secrets.addAll(SecretRedactor.passwordParameters(arg));
        }
        env.forEach((name, value) -> {
            String upper = name.toUpperCase(Locale.ROOT);
            if (SECRET_NAMES.stream().anyMatch(upper::contains)) {
                secrets.add(value);
            }
            if (upper.equals("DATABASE_URL") || upper.endsWith("_URL")) {
                secrets.addAll(SecretRedactor.passwordParameters(value));
            }
        });
        return SecretRedactor.of(secrets);
    }

    /** The values picocli matched for {@code --password} and {@code --url} in every (sub)command of the run. */
    private static List<String> optionValues(CommandLine.ParseResult parseResult) {
        List<String> values = new ArrayList<>();
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            for (String name : Arrays.asList("--password", "--url")) {
                CommandLine.Model.OptionSpec option = r.matchedOption(name);
                if (option != null && option.getValue() != null) {
                    Object raw = option.getValue(); // Object: picocli's generic getValue() would pick valueOf(char[])
                    String value = raw instanceof char[] chars ? new String(chars) : String.valueOf(raw);
                    if (name.equals("--password")) {
                        values.add(value);
                    } else {
                        values.addAll(SecretRedactor.passwordParameters(value));
                    }
                }
            }
        }
        return values;
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
