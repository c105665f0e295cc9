package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.inspect.DriftReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "drift", description = {"Compare the live database's schema with the environment's schema-file (written"
        + " after every migrate and down), or with a replay of its applied migrations on a throwaway database"
        + " (--replay), and print how they differ. Exit 3 on drift."})
final class DriftCommand extends DatabaseCommand {

    @Option(names = "--replay", description = "Compare with a replay of the applied migrations on a throwaway database"
            + " (bascule_shadow_<random> on the same server, dropped afterwards) instead of the schema file.")
    boolean replay;

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        DriftReport report = bascule.drift(replay);
        out.print(report.render());
        return report.drifted() ? 3 : 0;
    }
}
