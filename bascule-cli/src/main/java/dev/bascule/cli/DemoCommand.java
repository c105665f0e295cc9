package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.StatusReport;
import dev.bascule.error.BasculeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Applies the sample project in {@code examples/demo} to the embedded PostgreSQL and prints the status. */
@Command(name = "demo", description = "Run the sample migrations in examples/demo on the embedded PostgreSQL, then show status.")
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    BasculeCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--project", paramLabel = "DIR", description = "Sample project folder (default: examples/demo of the Bascule checkout).")
    String project;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = project != null ? root.workingDir().resolve(project) : defaultProject();
        if (!Files.isDirectory(dir.resolve("migrations"))) {
            throw new BasculeException.Configuration("demo: " + dir + " has no migrations/ folder: pass --project DIR");
        }
        try (Bascule bascule = Bascule.configure().environment("embedded").embedded(root.workingDir().resolve(".bascule"))
                .dev(true).resettable(true).baseDir(root.workingDir()).locations(dir.resolve("migrations").toString())
                .manifest(dir.resolve("manifest.txt").toString()).listener(root.listener(out, err)).load()) {
            int applied = bascule.migrate().applied().size();
            out.println(applied == 0 ? "the sample migrations were already applied (the embedded data is kept in .bascule/; delete it to start over)"
                    : "applied " + applied + " migration(s)");
            out.println();
            out.print(new StatusReport(root.workingDir()).table(bascule.status()));
            out.flush();
            return 0;
        }
    }

    private Path defaultProject() {
        String home = System.getProperty("bascule.home");
        Path base = home != null ? Path.of(home) : root.workingDir();
        return base.resolve("examples").resolve("demo");
    }
}
