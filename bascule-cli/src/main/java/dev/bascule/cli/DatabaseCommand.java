package dev.bascule.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A command that acts on one environment's database: resolves it (starting the embedded PostgreSQL when nothing
 * names a database), runs, and closes it again. Subclasses only say what to do with the {@link Target}.
 */
abstract class DatabaseCommand implements Callable<Integer> {

    @ParentCommand
    BasculeCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Target t = Target.open(target, root.workingDir(), new ConsoleListener(out, err), err)) {
            int code = run(t, out, err);
            out.flush();
            return code;
        }
    }

    /** Does the command's work; returns the exit code. Failures are thrown as {@code BasculeException}s. */
    abstract int run(Target target, PrintWriter out, PrintWriter err);
}
