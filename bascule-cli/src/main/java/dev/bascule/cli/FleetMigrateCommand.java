package dev.bascule.cli;

import dev.bascule.fleet.FleetOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", description = "Apply pending migrations to every target, a bounded number at a time; a"
        + " rerun applies only what is still pending.")
final class FleetMigrateCommand extends FleetSubcommand {

    @Option(names = "--target", paramLabel = "VERSION", description = "Apply nothing above this version, on every target.")
    String targetVersion;

    @Override
    FleetOperation operation() {
        return FleetOperation.MIGRATE;
    }

    @Override
    String targetVersion() {
        return targetVersion;
    }
}
