package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.StatusDocument;
import dev.bascule.StatusReport;
import dev.bascule.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "status", description = "Show every migration: applied, pending, in progress (a data migration the"
        + " next migrate resumes), changed, outdated (repeatable, will re-run), failed, missing or unlisted; with"
        + " stages, the stage of each.")
final class StatusCommand extends DatabaseCommand {

    @Option(names = "--json", description = "Print a JSON array of objects (version, name, kind, state, stage, file,"
            + " applied_at, execution_ms, source, progress: rows done and key reached of a data migration in progress,"
            + " else null).")
    boolean json;

    @Option(names = "--json-object", description = "Print one JSON object: {\"migrations\": [as --json],"
            + " \"problems\": [{file, line, message}], \"warnings\": [...], \"summary\": {...}}; problems include"
            + " files the array cannot show (invalid UTF-8, bad manifest lines).")
    boolean jsonObject;

    @Option(names = "--exit-code", description = "Exit 3 when a migration changed, failed or is missing, or the"
            + " catalog has problems (as validate does); without it status exits 0 whatever it shows.")
    boolean exitCode;

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        Plan plan = bascule.status();
        StatusReport report = new StatusReport(root().workingDir());
        out.print(jsonObject ? new StatusDocument(root().workingDir()).json(plan) : json ? report.json(plan) : report.table(plan));
        out.flush();
        return exitCode && plan.needsAttention() ? 3 : 0;
    }
}
