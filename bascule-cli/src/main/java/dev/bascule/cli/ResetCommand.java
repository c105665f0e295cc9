package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.run.MigrateResult;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "reset", description = "Drop and re-create the managed schemas, then migrate (resettable environments only).")
final class ResetCommand extends DatabaseCommand {

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        MigrateResult result = bascule.reset();
        out.println("reset " + bascule.settings().environment() + " and applied " + result.applied().size() + " migration(s)");
        return 0;
    }
}
