package dev.bascule.cli;

import dev.bascule.run.PopAdoption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

@Command(name = "adopt", description = {
        "Import another tool's history as applied, so an existing database continues without re-running anything.",
        "pop: the versions in Pop's schema_migration table (what 'milmove migrate' and 'soda migrate' record)."})
final class AdoptCommand extends DatabaseCommand {

    /** The tools whose history can be adopted. */
    enum Tool { pop }

    @Parameters(index = "0", paramLabel = "TOOL", description = "The tool whose history to import: ${COMPLETION-CANDIDATES}.")
    Tool tool;

    @Override
    int run(Target t, PrintWriter out, PrintWriter err) {
        PopAdoption.Result result = t.bascule().adoptPop();
        out.println("adopted " + result.adopted().size() + " migration(s) from Pop's " + PopAdoption.POP_TABLE + " into "
                + t.environment().history().qualifiedName() + " (" + result.alreadyRecorded() + " already recorded, "
                + result.unknown().size() + " unknown version(s))");
        return 0;
    }
}
