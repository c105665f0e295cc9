package dev.bascule.cli;

import dev.bascule.run.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "reset", description = "Drop and re-create the managed schemas, then migrate (resettable environments only).")
final class ResetCommand implements Callable<Integer> {

    @ParentCommand
    BasculeCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Target t = Target.open(target, root.workingDir(), new ConsoleListener(out, err), err)) {
            MigrateResult result = t.bascule().reset();
            out.println("reset " + t.environment().name() + " and applied " + result.applied().size() + " migration(s)");
            return 0;
        }
    }
}
