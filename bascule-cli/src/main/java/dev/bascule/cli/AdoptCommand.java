package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.run.HistoryAdopter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

@Command(name = "adopt", description = {
        "Import another tool's history as applied, so an existing database continues without re-running anything.",
        "pop: the versions in Pop's schema_migration table (what 'milmove migrate' and 'soda migrate' record)."})
final class AdoptCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "TOOL", description = "The tool whose history to import: pop.")
    String tool;

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        HistoryAdopter.Result result = bascule.adopt(tool);
        out.println("adopted " + result.adopted().size() + " migration(s) from " + displayName(tool) + "'s "
                + result.table() + " into " + bascule.settings().history().qualifiedName() + " ("
                + result.alreadyRecorded() + " already recorded, " + result.unknown().size() + " unknown version(s))");
        return 0;
    }

    private static String displayName(String tool) {
        return HistoryAdopter.forTool(tool).map(HistoryAdopter::displayName).orElse(tool);
    }
}
