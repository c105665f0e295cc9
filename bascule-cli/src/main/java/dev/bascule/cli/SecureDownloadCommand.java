package dev.bascule.cli;

import dev.bascule.catalog.Checksums;
import dev.bascule.error.BasculeException;
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
import java.util.concurrent.Callable;

/** {@code bascule secure download NAME}: copies each environment's real file into {@code tmp/secure_migrations/<env>/}. */
@Command(name = "download", mixinStandardHelpOptions = true, description = "Download a secure migration from each environment's secure-store into"
        + " tmp/secure_migrations/<env>/ (mode 0600).")
final class SecureDownloadCommand implements Callable<Integer> {

    static final String FOLDER = "secure_migrations";

    @ParentCommand
    SecureCommand secure;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "File name, e.g. 20240101120000_add_office_users.up.sql.")
    String name;

    @Option(names = "--environments", paramLabel = "\"ENV ...\"", description = "Environments to download from, separated"
            + " by spaces or commas (default: every environment with a secure-store).")
    String environments;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ./bascule.yml).")
    String config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path workingDir = secure.root.workingDir();
        if (name.contains("/") || name.contains("\\") || name.isBlank()) {
            throw new BasculeException.Configuration("secure download: '" + name + "' is not a file name: give the bare"
                    + " name of the migration, e.g. 20240101120000_add_office_users.up.sql");
        }
        List<SecureStores.Store> stores = SecureStores.select(config, workingDir, environments, "secure download");
        Path tmp = workingDir.resolve(GenSecureMigrationCommand.TMP);
        GitGuard.refuseUnlessIgnored(workingDir, tmp, tmp.resolve(FOLDER).resolve(name), "secure download");
        List<Path> written = new ArrayList<>();
        for (SecureStores.Store store : stores) {
            Path dir = tmp.resolve(FOLDER).resolve(store.environment());
            Path file = SecureUploadCommand.call(store, s -> s.download(name, store.location(), dir), "downloading " + name + " from");
            written.add(file);
            out.println("downloaded " + store.environment() + ": " + Target.displayPath(file, workingDir) + " ("
                    + SecureCommand.size(sizeOf(file)) + ", sha256 " + sha256(file) + ", mode 0600)");
        }
        out.println("reminder: these files hold real data; delete them when you are done (rm -r "
                + Target.displayPath(tmp.resolve(FOLDER), workingDir) + ")");
        out.flush();
        return 0;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String sha256(Path file) {
        try {
            return Checksums.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new BasculeException.Configuration("secure download: " + file + " was written but cannot be read back: "
                    + e.getMessage());
        }
    }
}
