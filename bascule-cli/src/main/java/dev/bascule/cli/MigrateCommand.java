package dev.bascule.cli;

import dev.bascule.catalog.Version;
import dev.bascule.run.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "migrate", description = "Apply pending migrations in version order, each once and only once.")
final class MigrateCommand extends DatabaseCommand {

    @Option(names = "--target", paramLabel = "VERSION", description = "Apply nothing above this version.")
    String targetVersion;

    @Override
    int run(Target t, PrintWriter out, PrintWriter err) {
        Version version = targetVersion == null ? null : parseVersion(targetVersion);
        if (version != null) {
            t.bascule().configuration().target(version);
        }
        MigrateResult result = t.bascule().migrate();
        out.println("applied " + result.applied().size() + " migration(s) to " + t.environment().name()
                + " (" + t.environment().database().orElseThrow().describe() + ")");
        return 0;
    }

    static Version parseVersion(String text) {
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw new dev.bascule.error.BasculeException.Configuration("--target: " + e.getMessage());
        }
    }
}
