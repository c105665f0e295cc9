package dev.bascule.cli;

import dev.bascule.error.BasculeException;
import dev.bascule.s3.SecureMigrationStore;
import dev.bascule.s3.StoredObject;
import dev.bascule.s3.UploadedObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code bascule secure upload FILE}: sends a production secure migration (or, with {@code --empty}, an empty
 * placeholder of the same name) to the secure-store of each chosen environment, encrypted at rest.
 */
@Command(name = "upload", mixinStandardHelpOptions = true, description = "Upload a production secure migration to each environment's secure-store.")
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
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path workingDir = secure.root.workingDir();
        Path path = workingDir.resolve(file);
        String name = path.getFileName() == null ? file : path.getFileName().toString();
        if (!name.endsWith(SecureMigrationStore.REQUIRED_SUFFIX) || name.equals(SecureMigrationStore.REQUIRED_SUFFIX)) {
            throw new BasculeException.Configuration("secure upload: " + file + ": only *.up.sql files can be uploaded as"
                    + " secure migrations; name it like its manifest line, for example 20240101120000_add_office_users.up.sql");
        }
        if (!empty && !Files.isRegularFile(path)) {
            throw new BasculeException.Configuration("secure upload: " + file + ": no such file; give the path of the"
                    + " production file (bascule gen secure-migration writes it to tmp/)");
        }
        List<SecureStores.Store> stores = SecureStores.select(config, workingDir, environments, "secure upload");
        String what = empty ? "an EMPTY placeholder named " + name : Target.displayPath(path, workingDir) + " ("
                + SecureCommand.size(sizeOf(path)) + ")";
        out.println("will upload " + what + " to:");
        List<String> overwrites = new ArrayList<>();
        for (SecureStores.Store store : stores) {
            Optional<StoredObject> existing = call(store, s -> s.find(name, store.location()), "checking");
            existing.ifPresent(o -> overwrites.add(store.environment()));
            out.println("  " + store.environment() + "  " + store.location() + "/" + name
                    + existing.map(o -> "  (replaces the " + SecureCommand.size(o.size()) + " object of " + o.lastModified() + ")")
                    .orElse(""));
        }
        if (!overwrites.isEmpty()) {
            out.println("warning: an environment that already applied " + name + " will not run it again;"
                    + " a changed migration needs a new version");
        }
        if (!yes && !SecureCommand.confirm(secure.root.input(), out, "upload?")) {
            throw new BasculeException.Configuration("secure upload: not confirmed, nothing uploaded (answer y, or pass"
                    + " --yes when running without a terminal)");
        }
        List<String> done = new ArrayList<>();
        for (SecureStores.Store store : stores) {
            UploadedObject uploaded;
            try {
                uploaded = call(store, s -> empty
                        ? s.uploadEmptyPlaceholder(name, store.location(), store.encryption())
                        : s.upload(path, store.location(), store.encryption()), "uploading");
            } catch (BasculeException.Configuration e) {
                throw new BasculeException.Configuration(e.getMessage() + (done.isEmpty() ? "; nothing was uploaded"
                        : "; already uploaded to " + String.join(", ", done) + ": after fixing it, upload again with"
                        + " --environments naming the others"), null);
            }
            done.add(store.environment());
            out.println("uploaded " + store.environment() + ": " + uploaded.uri() + " (" + SecureCommand.size(uploaded.size())
                    + ", sha256 " + uploaded.sha256() + ", encryption "
                    + uploaded.serverSideEncryption().orElse("none reported") + ")");
        }
        if (!empty) {
            String shown = Target.displayPath(path, workingDir);
            if (!yes && SecureCommand.confirm(secure.root.input(), out, "delete the local file " + shown + "?")) {
                deleteLocal(path);
                out.println("deleted " + shown);
            } else {
                out.println("reminder: " + shown + " holds the real data; delete it once you no longer need it");
            }
        }
        out.flush();
        return 0;
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new BasculeException.Configuration("secure upload: " + path + ": cannot read its size: " + e.getMessage());
        }
    }

    private static void deleteLocal(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new BasculeException.Configuration("secure upload: uploaded, but " + path + " could not be deleted ("
                    + e.getMessage() + "): delete it yourself");
        }
    }

    /** One store operation; S3 failures become configuration errors naming the environment and object. */
    interface StoreCall<T> {
        T apply(SecureMigrationStore store) throws IOException;
    }

    static <T> T call(SecureStores.Store store, StoreCall<T> action, String doing) {
        try (SecureMigrationStore s = SecureMigrationStore.open(store.settings())) {
            return action.apply(s);
        } catch (IOException e) {
            throw new BasculeException.Configuration("secure: environment " + store.environment() + ": " + doing + " "
                    + store.location() + " failed: " + e.getMessage(), null);
        }
    }
}
