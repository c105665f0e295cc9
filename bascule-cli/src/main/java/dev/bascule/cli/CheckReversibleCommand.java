package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.inspect.ReversibilityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "check-reversible", description = {"On a throwaway database, run each pending migration up, down and"
        + " up again, comparing schema snapshots: the down must give back the schema from before the up, the second"
        + " up the schema of the first. Also warns of downs that drop data their up did not create.",
        "The throwaway database is bascule_shadow_<random> on the environment's server (it needs CREATEDB), or on the"
        + " embedded PostgreSQL with --embedded; it is dropped afterwards. Exit 3 when a migration is not reversible."})
final class CheckReversibleCommand extends DatabaseCommand {

    @Option(names = "--all", description = "Check every migration from an empty database, not only the pending ones.")
    boolean all;

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        ReversibilityReport report = bascule.checkReversible(all);
        out.print(report.render());
        return report.failed() ? 3 : 0;
    }
}
