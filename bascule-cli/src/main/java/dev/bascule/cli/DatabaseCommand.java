package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A command that acts on one environment's database: resolves its settings, runs, and closes the facade again
 * (stopping an embedded PostgreSQL it started). Subclasses only say what to do with the {@link Bascule}.
 */
abstract class DatabaseCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TargetOptions target;

    /** The top-level command (gen's subcommands are one level deeper, so no {@code @ParentCommand} here). */
    BasculeCommand root() {
        return (BasculeCommand) spec.root().userObject();
    }

    /** Command-specific settings on top of the environment's (none by default). */
    Settings.Builder adjust(Settings.Builder settings) {
        return settings;
    }

    /** migrate's {@code --target}; null for the other commands. */
    String targetVersion() {
        return null;
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Bascule bascule = root().open(target, targetVersion(), root().listener(out, err), this::adjust)) {
            int code = run(bascule, out, err);
            out.flush();
            return code;
        }
    }

    /** Does the command's work; returns the exit code. Failures are thrown as {@code BasculeException}s. */
    abstract int run(Bascule bascule, PrintWriter out, PrintWriter err);
}
