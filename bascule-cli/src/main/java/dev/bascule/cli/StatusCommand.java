package dev.bascule.cli;

import dev.bascule.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "status", description = "Show every migration: applied, pending, changed, outdated (repeatable, will re-run),"
        + " failed, missing or unlisted; with stages, the stage of each.")
final class StatusCommand extends DatabaseCommand {

    @Option(names = "--json", description = "Print a JSON array of objects (version, name, kind, state, stage, file, applied_at, execution_ms, source).")
    boolean json;

    @Override
    int run(Target t, PrintWriter out, PrintWriter err) {
        Plan plan = t.bascule().status();
        StatusFormatter formatter = new StatusFormatter(root.workingDir());
        out.print(json ? formatter.json(plan) : formatter.table(plan));
        out.flush();
        return 0;
    }
}
