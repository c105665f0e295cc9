package dev.bascule.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code bascule fleet migrate|status|validate}: one command over many databases, a bounded number at a time. */
@Command(name = "fleet", description = "Migrate, show or validate many databases at once: environments matching a"
        + " pattern, a file of URLs, or the databases a query returns; exit 6 when any target failed.",
        subcommands = {FleetMigrateCommand.class, FleetStatusCommand.class, FleetValidateCommand.class})
final class FleetCommand implements Runnable {

    /** Some targets failed (the summary says which and why); the others were done. */
    static final int EXIT_SOME_FAILED = 6;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
