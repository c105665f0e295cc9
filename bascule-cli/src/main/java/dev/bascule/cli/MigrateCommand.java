package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.run.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "migrate", description = "Apply pending migrations in version order, each once and only once.")
final class MigrateCommand extends DatabaseCommand {

    @Option(names = "--target", paramLabel = "VERSION", description = "Apply nothing above this version.")
    String targetVersion;

    @Option(names = "--allow-phase-skip", description = "Apply several phases of an expand/contract change in this one"
            + " run (when taking several releases at once); by default each phase waits for its own release.")
    boolean allowPhaseSkip;

    @Option(names = "--dry-run", description = "Print the exact SQL migrate would send, in order, and change nothing.")
    boolean dryRun;

    @Override
    String targetVersion() {
        return targetVersion;
    }

    @Override
    Settings.Builder adjust(Settings.Builder settings) {
        return settings.allowPhaseSkip(allowPhaseSkip);
    }

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        if (dryRun) {
            bascule.dryRun().forEach(out::println);
            return 0;
        }
        MigrateResult result = bascule.migrate();
        if (!result.applied().isEmpty()) {
            out.println("applied " + result.applied().size() + " migration(s) to " + bascule.settings().environment()
                    + " (" + bascule.database().describe() + ")");
        }
        return 0;
    }
}
