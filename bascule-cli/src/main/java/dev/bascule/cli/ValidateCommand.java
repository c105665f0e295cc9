package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.plan.Plan;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "validate", description = "Check manifest, files, checksums and pending scripts; exit 3 on any problem.")
final class ValidateCommand extends DatabaseCommand {

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        Plan plan = bascule.validate();
        plan.warnings().forEach(w -> err.println("warning: " + w));
        out.println("valid: " + plan.entries().size() + " migration(s), " + plan.toApply().size() + " pending");
        return 0;
    }
}
