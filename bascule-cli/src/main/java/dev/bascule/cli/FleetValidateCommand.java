package dev.bascule.cli;

import dev.bascule.fleet.FleetOperation;
import picocli.CommandLine.Command;

@Command(name = "validate", description = "Check manifest, files, checksums and pending scripts against every target;"
        + " nothing is applied.")
final class FleetValidateCommand extends FleetSubcommand {

    @Override
    FleetOperation operation() {
        return FleetOperation.VALIDATE;
    }
}
