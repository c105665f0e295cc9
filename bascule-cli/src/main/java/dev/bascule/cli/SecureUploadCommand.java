package dev.bascule.cli;

import dev.bascule.SecureMigrations;
import dev.bascule.error.BasculeException;
import dev.bascule.generate.GeneratedFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code bascule secure upload FILE}: sends a production secure migration (or, with {@code --empty}, an empty
 * placeholder of the same name) to the secure-store of each chosen environment, encrypted at rest.
 */
@Command(name = "upload", description = "Upload a production secure migration to each environment's secure-store.")
final class SecureUploadCommand implements Callable<Integer> {

    @ParentCommand
    SecureCommand secure;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The production file, named like its manifest line (*.up.sql).")
    String file;

    @Option(names = "--environments", paramLabel = "\"ENV ...\"", description = "Environments to upload to, separated by"
            + " spaces or commas (default: every environment with a secure-store).")
    String environments;

    @Option(names = {"-y", "--yes"}, description = "Upload without asking for confirmation (the local file is then kept).")
    boolean yes;

    @Option(names = "--empty", description = "Upload an empty placeholder of the same name instead of the file's"
            + " contents, for environments that must not run it (it applies there as a no-op).")
    boolean empty;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ./bascule.yml).")
    String config;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path workingDir = secure.root.workingDir();
        SecureMigrations store = secure.root.project(config).secureMigrations(environments, "secure upload");
        Path path = store.checkUpload(file, empty);
        String name = path.getFileName().toString();
        out.println("will upload " + (empty ? "an EMPTY placeholder named " + name : GeneratedFiles.display(path, workingDir)
                + " (" + SecureCommand.size(Files.size(path)) + ")") + " to:");
        boolean overwrites = false;
        for (SecureMigrations.Store s : store.stores()) {
            var existing = store.find(s, name);
            overwrites |= existing.isPresent();
            out.println("  " + s.environment() + "  " + s.location() + "/" + name + existing.map(o -> "  (replaces the "
                    + SecureCommand.size(o.size()) + " object of " + o.lastModified() + ")").orElse(""));
        }
        if (overwrites) {
            out.println("warning: an environment that already applied " + name + " will not run it again;"
                    + " a changed migration needs a new version");
        }
        if (!yes && !SecureCommand.confirm(secure.root.input(), out, "upload?")) {
            throw new BasculeException.Configuration("secure upload: not confirmed, nothing uploaded (answer y, or pass"
                    + " --yes when running without a terminal)");
        }
        store.uploadAll(path, empty, u -> out.println("uploaded " + u.store().environment() + ": " + u.object().uri()
                + " (" + SecureCommand.size(u.object().size()) + ", sha256 " + u.object().sha256() + ", encryption "
                + u.object().serverSideEncryption().orElse("none reported") + ")"));
        if (!empty) {
            String shown = GeneratedFiles.display(path, workingDir);
            if (!yes && SecureCommand.confirm(secure.root.input(), out, "delete the local file " + shown + "?")) {
                Files.delete(path);
                out.println("deleted " + shown);
            } else {
                out.println("reminder: " + shown + " holds the real data; delete it once you no longer need it");
            }
        }
        out.flush();
        return 0;
    }
}
