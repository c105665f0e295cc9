package dev.bascule.cli;

import dev.bascule.run.PopAdoption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "adopt", description = {
        "Import another tool's history as applied, so an existing database continues without re-running anything.",
        "pop: the versions in Pop's schema_migration table (what 'milmove migrate' and 'soda migrate' record)."})
final class AdoptCommand implements Callable<Integer> {

    /** The tools whose history can be adopted. */
    enum Tool { pop }

    @ParentCommand
    BasculeCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Parameters(index = "0", paramLabel = "TOOL", description = "The tool whose history to import: ${COMPLETION-CANDIDATES}.")
    Tool tool;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Target t = Target.open(target, root.workingDir(), new ConsoleListener(out, err), err)) {
            PopAdoption.Result result = t.bascule().adoptPop();
            out.println("adopted " + result.adopted().size() + " migration(s) from Pop's " + PopAdoption.POP_TABLE + " into "
                    + t.environment().history().qualifiedName() + " (" + result.alreadyRecorded() + " already recorded, "
                    + result.unknown().size() + " unknown version(s))");
            return 0;
        }
    }
}
