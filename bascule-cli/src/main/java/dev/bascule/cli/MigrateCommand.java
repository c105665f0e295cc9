package dev.bascule.cli;

import dev.bascule.catalog.Version;
import dev.bascule.run.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "migrate", description = "Apply pending migrations in version order, each once and only once.")
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    BasculeCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--target", paramLabel = "VERSION", description = "Apply nothing above this version.")
    String targetVersion;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Version version = targetVersion == null ? null : parseVersion(targetVersion);
        try (Target t = Target.open(target, root.workingDir(), new ConsoleListener(out, err), err)) {
            if (version != null) {
                t.bascule().configuration().target(version);
            }
            MigrateResult result = t.bascule().migrate();
            out.println("applied " + result.applied().size() + " migration(s) to " + t.environment().name()
                    + " (" + t.environment().database().orElseThrow().describe() + ")");
            return 0;
        }
    }

    static Version parseVersion(String text) {
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw new dev.bascule.error.BasculeException.Configuration("--target: " + e.getMessage());
        }
    }
}
