package dev.bascule.cli;

import dev.bascule.fleet.FleetOperation;
import picocli.CommandLine.Command;

@Command(name = "status", description = "Applied and pending counts of every target; a target whose migrations changed,"
        + " failed or went missing is reported as 'attention' and makes the command exit 6.")
final class FleetStatusCommand extends FleetSubcommand {

    @Override
    FleetOperation operation() {
        return FleetOperation.STATUS;
    }
}
