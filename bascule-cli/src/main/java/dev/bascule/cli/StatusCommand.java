package dev.bascule.cli;

import dev.bascule.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "status", description = "Show every migration: applied, pending, changed, outdated (repeatable, will re-run),"
        + " failed, missing or unlisted; with stages, the stage of each.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    BasculeCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--json", description = "Print a JSON array of objects (version, name, kind, state, stage, file, applied_at, execution_ms, source).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Target t = Target.open(target, root.workingDir(), new ConsoleListener(out, err), err)) {
            Plan plan = t.bascule().status();
            StatusFormatter formatter = new StatusFormatter(root.workingDir());
            out.print(json ? formatter.json(plan) : formatter.table(plan));
            out.flush();
            return 0;
        }
    }
}
