package dev.bascule.cli;

import dev.bascule.s3.StoredObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bascule secure list [--env E]}: what each environment's secure-store holds (names, sizes, dates only). */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Show the secure migrations each environment's secure-store holds.")
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
        for (SecureStores.Store store : SecureStores.select(config, secure.root.workingDir(), environment, "secure list")) {
            List<StoredObject> objects = SecureUploadCommand.call(store, s -> s.list(store.location()), "listing");
            out.println(store.environment() + "  " + store.location() + "  (" + objects.size() + " object(s))");
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
