package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.generate.GeneratedFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** {@code bascule gen ...}: generators. */
@Command(name = "gen", description = "Generate new migration files.",
        subcommands = {GenCommand.Migration.class, GenSecureMigrationCommand.class, GenDataMigrationCommand.class,
                GenChangeCommands.ExpandContractCommand.class, GenChangeCommands.FunctionCommand.class,
                GenChangeCommands.TriggerCommand.class})
final class GenCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints what a generator wrote: each file (with its note), the manifest line, warnings and the next step. */
    static void print(GeneratedFiles files, Path workingDir, PrintWriter out, PrintWriter err) {
        files.warnings().forEach(w -> err.println("warning: " + w));
        for (GeneratedFiles.Written f : files.files()) {
            out.println("created " + GeneratedFiles.display(f.path(), workingDir) + (f.note().isEmpty() ? "" : " (" + f.note() + ")"));
        }
        files.manifest().ifPresent(m -> out.println("added to " + GeneratedFiles.display(m, workingDir)));
        files.notes().forEach(n -> out.println("note: " + n));
        files.nextStep().ifPresent(n -> out.println("next: " + n));
    }

    @Command(name = "migration", description = "Create <UTC timestamp>_<name>.up.sql and add it to the manifest.")
    static final class Migration extends DatabaseCommand {

        @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME", description = "snake_case name, e.g. add_status_to_moves.")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "Folder for the new file (default: the first local migration path).")
        String dir;

        @Override
        int run(Bascule bascule, PrintWriter out, PrintWriter err) {
            print(bascule.newMigration(name, Optional.ofNullable(dir)), root().workingDir(), out, err);
            return 0;
        }
    }
}
