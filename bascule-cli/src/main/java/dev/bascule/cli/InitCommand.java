package dev.bascule.cli;

import dev.bascule.Project;
import dev.bascule.generate.GeneratedFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "init", description = "Write a bascule.yml in the working directory, optionally from a preset layout.")
final class InitCommand implements Callable<Integer> {

    @ParentCommand
    BasculeCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", description = "A ready stage layout: milmove.")
    String preset;

    @Option(names = "--root", paramLabel = "DIR", description = "Where the preset's tree is (default for milmove: migrations/app).")
    String treeRoot;

    @Option(names = "--force", description = "Overwrite an existing bascule.yml.")
    boolean force;

    @Override
    public Integer call() {
        Path file = Project.init(root.workingDir(), preset, treeRoot, force);
        spec.commandLine().getOut().println("wrote " + GeneratedFiles.display(file, root.workingDir())
                + (preset == null ? "" : " with preset " + preset) + ": set the database (url, or DATABASE_URL) and run"
                + " 'bascule status'");
        return 0;
    }
}
