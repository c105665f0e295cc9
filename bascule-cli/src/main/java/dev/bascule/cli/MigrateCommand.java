package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.run.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "migrate", description = "Apply pending migrations in version order, each once and only once.")
final class MigrateCommand extends DatabaseCommand {

    @Option(names = "--target", paramLabel = "VERSION", description = "Apply nothing above this version.")
    String targetVersion;

    @Override
    String targetVersion() {
        return targetVersion;
    }

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        MigrateResult result = bascule.migrate();
        if (!result.applied().isEmpty()) {
            out.println("applied " + result.applied().size() + " migration(s) to " + bascule.settings().environment()
                    + " (" + bascule.database().describe() + ")");
        }
        return 0;
    }
}
