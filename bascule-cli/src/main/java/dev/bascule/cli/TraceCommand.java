package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.trace.TraceReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code bascule trace [FILES...]}: what each statement really does, measured on a shadow copy of the database. */
@Command(name = "trace", description = {"Apply the pending migrations (or FILES) to a shadow copy of the database and"
        + " show, per statement, the locks its transaction holds, the tables and indexes it rewrote, the tables it read"
        + " whole, the rows it wrote and its time. The copy is dropped afterwards (also on Ctrl-C); the database itself"
        + " is not changed.",
        "Exit status: 0 traced, 1 a statement failed on the copy, 2 configuration error (no right to create a database,"
                + " ...), 3 validation failed."})
final class TraceCommand extends DatabaseCommand {

    @Parameters(arity = "0..*", paramLabel = "FILES", description = "Files to trace instead of the pending migrations, in"
            + " this order, on top of the database as it is.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or sarif (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        String chosen = json ? "json" : format;
        if (!List.of("text", "json", "sarif").contains(chosen)) {
            err.println("bascule trace: unknown --format '" + chosen + "': use text, json or sarif");
            return BasculeCommand.EXIT_USAGE;
        }
        TraceReport report = bascule.trace(files);
        Path workingDir = root().workingDir();
        out.print(report.render(chosen, workingDir));
        out.flush();
        return report.failed() ? 1 : 0;
    }
}
