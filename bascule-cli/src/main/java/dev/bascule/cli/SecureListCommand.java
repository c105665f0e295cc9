package dev.bascule.cli;

import dev.bascule.SecureMigrations;
import dev.bascule.secure.StoredObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bascule secure list [--env E]}: what each environment's secure-store holds (names, sizes, dates only). */
@Command(name = "list", description = "Show the secure migrations each environment's secure-store holds.")
final class SecureListCommand implements Callable<Integer> {

    @ParentCommand
    SecureCommand secure;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV", description = "Only this environment (default: every environment with a secure-store).")
    String environment;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ./bascule.yml).")
    String config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SecureMigrations store = secure.root.project(config).secureMigrations(environment, "secure list");
        for (SecureMigrations.Store s : store.stores()) {
            List<StoredObject> objects = store.list(s);
            out.println(s.environment() + "  " + s.location() + "  (" + objects.size() + " object(s))");
            int width = objects.stream().mapToInt(o -> o.name().length()).max().orElse(0);
            for (StoredObject o : objects) {
                out.println("  " + o.name() + " ".repeat(width - o.name().length()) + "  "
                        + String.format("%12d", o.size()) + "  " + o.lastModified()
                        + (o.size() == 0 ? "  empty placeholder" : ""));
            }
        }
        out.flush();
        return 0;
    }
}
