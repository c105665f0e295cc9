package dev.bascule.cli;

import dev.bascule.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "validate", description = "Check manifest, files, checksums and pending scripts; exit 3 on any problem.")
final class ValidateCommand implements Callable<Integer> {

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
            Plan plan = t.bascule().validate();
            plan.warnings().forEach(w -> err.println("warning: " + w));
            out.println("valid: " + plan.entries().size() + " migration(s), " + plan.toApply().size() + " pending");
            return 0;
        }
    }
}
