package dev.bascule.cli;

import dev.bascule.SecureMigrations;
import dev.bascule.generate.GeneratedFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Callable;

/** {@code bascule secure download NAME}: copies each environment's real file into {@code tmp/secure_migrations/<env>/}. */
@Command(name = "download", description = "Download a secure migration from each environment's secure-store into"
        + " tmp/secure_migrations/<env>/ (mode 0600).")
final class SecureDownloadCommand implements Callable<Integer> {

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
        SecureMigrations store = secure.root.project(config).secureMigrations(environments, "secure download");
        store.downloadAll(name, file -> out.println("downloaded " + file.getParent().getFileName() + ": "
                + GeneratedFiles.display(file, workingDir) + " (" + describe(file) + ", mode 0600)"));
        out.println("reminder: these files hold real data; delete them when you are done (rm -r "
                + GeneratedFiles.display(store.downloadRoot(), workingDir) + ")");
        out.flush();
        return 0;
    }

    /** Size and SHA-256 of a downloaded file, to compare with what was uploaded. */
    private static String describe(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return SecureCommand.size(bytes.length) + ", sha256 "
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
