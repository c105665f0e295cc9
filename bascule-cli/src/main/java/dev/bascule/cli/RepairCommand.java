package dev.bascule.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "repair", description = "Remove failed no-transaction migrations from the history and accept changed checksums.")
final class RepairCommand implements Callable<Integer> {

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
            List<String> done = t.bascule().repair();
            done.forEach(out::println);
            out.println(done.isEmpty() ? "nothing to repair" : "repaired");
            return 0;
        }
    }
}
