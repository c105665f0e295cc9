package dev.bascule.cli;

import dev.bascule.Bascule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * {@code bascule gen secure-migration -n NAME}: the scrubbed copy in the environment's secure folder (in git), the
 * production file in {@code tmp/} (owner-only, never in git) and the manifest line.
 */
@Command(name = "secure-migration", description = "Create a secure migration: a scrubbed copy in the secure folder,"
        + " the production file in tmp/ (mode 0600) and the manifest line.")
final class GenSecureMigrationCommand extends DatabaseCommand {

    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME", description = "snake_case name, e.g. add_office_users.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder for the scrubbed copy (default: the environment's first local 'secure' folder).")
    String dir;

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        GenCommand.print(bascule.newSecureMigration(name, Optional.ofNullable(dir)), root().workingDir(), out, err);
        return 0;
    }
}
