package dev.bascule.fleet;

import dev.bascule.text.Json;
import dev.bascule.text.TextTable;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a {@link FleetReport}: the table every shell prints after a fleet run, and its JSON form. */
final class FleetSummary {

    /** The error column is cut here so one long message does not push the table apart; JSON keeps it whole. */
    private static final int ERROR_WIDTH = 160;

    private FleetSummary() {
    }

    static String table(FleetReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"TARGET", "OUTCOME", "APPLIED", "PENDING", "TIME", "ERROR"});
        for (FleetResult r : report.results()) {
            rows.add(new String[]{r.target().name(), r.outcome().label(), String.valueOf(r.applied()),
                    r.pending().isPresent() ? String.valueOf(r.pending().getAsInt()) : "-", seconds(r.elapsed()),
                    cut(r.errorSummary())});
        }
        return TextTable.render(rows, "", 2, 3, 4) + totals(report) + "\n";
    }

    /** "100 targets: 98 ok, 1 failed, 1 config; 4 at a time (at most 8 connections); 12.3 s". */
    static String totals(FleetReport report) {
        String outcomes = report.outcomes().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
        return report.results().size() + " target(s): " + outcomes + "; " + report.parallel() + " at a time (at most "
                + report.maxConnections() + " connections); " + seconds(report.elapsed());
    }

    static String json(FleetReport report) {
        ObjectNode root = Json.object();
        root.put("operation", report.operation().label());
        root.put("parallel", report.parallel());
        root.put("max_connections", report.maxConnections());
        root.put("targets", report.results().size());
        root.put("succeeded", report.succeeded());
        root.put("failed", report.failed().size());
        root.put("elapsed_ms", report.elapsed().toMillis());
        ArrayNode results = root.putArray("results");
        for (FleetResult r : report.results()) {
            ObjectNode o = results.addObject();
            o.put("target", r.target().name());
            o.put("database", r.target().database());
            o.put("outcome", r.outcome().label());
            o.put("applied", r.applied());
            if (r.pending().isPresent()) {
                o.put("pending", r.pending().getAsInt());
            } else {
                o.putNull("pending");
            }
            o.put("elapsed_ms", r.elapsed().toMillis());
            o.put("exit_code", r.exitCode());
            if (r.error().isPresent()) {
                o.put("error", r.error().get());
            } else {
                o.putNull("error");
            }
        }
        return Json.render(root);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String cut(String text) {
        return text.length() <= ERROR_WIDTH ? text : text.substring(0, ERROR_WIDTH - 3) + "...";
    }
}
