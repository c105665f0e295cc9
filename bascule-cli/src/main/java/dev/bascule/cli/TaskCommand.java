package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.TaskReport;
import dev.bascule.history.TaskRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code bascule task run FILE} and {@code bascule task list}: data scripts outside the deploy, recorded per run. */
@Command(name = "task", description = "Run data scripts that are not part of the deploy (backfills, fixes, checks),"
        + " as often as needed; each run is recorded.", subcommands = {TaskCommand.Run.class, TaskCommand.ListRuns.class})
final class TaskCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", description = "Run a data script under the migration lock, honouring bascule:batch and"
            + " bascule:audit; recorded with its start, end, outcome and rows changed. A batched run that failed or"
            + " was killed is resumed by the next run of the unchanged file.")
    static final class Run extends DatabaseCommand {

        @Parameters(index = "0", paramLabel = "FILE", description = "The SQL file (UTF-8; \\i and \\ir are followed).")
        String file;

        @Override
        int run(Bascule bascule, PrintWriter out, PrintWriter err) {
            TaskRun run = bascule.runTask(Path.of(file));
            out.println(TaskReport.summary(run));
            return 0;
        }
    }

    @Command(name = "list", description = "Show every task run: file, start, end, outcome and rows changed.")
    static final class ListRuns extends DatabaseCommand {

        @Option(names = "--json", description = "Print a JSON array of runs (id, task, checksum, started_at,"
                + " finished_at, outcome, rows, statements, batches, run_by, resumed_from, message).")
        boolean json;

        @Override
        int run(Bascule bascule, PrintWriter out, PrintWriter err) {
            out.print(json ? TaskReport.json(bascule.tasks()) : TaskReport.table(bascule.tasks()));
            return 0;
        }
    }
}
