package dev.bascule;

import dev.bascule.text.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bascule.error.Problem;
import dev.bascule.plan.MigrationState;
import dev.bascule.plan.Plan;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code status --json-object}: one JSON object holding what {@code status --json} prints (the array of migrations,
 * unchanged) and what that array cannot say: the problems (a file that is not valid UTF-8, a bad manifest line, a
 * changed migration...), the warnings, and counts.
 *
 * <pre>{@code
 * {"migrations": [...], "problems": [{"file": "...", "line": 3, "message": "..."}], "warnings": [...],
 *  "summary": {"applied": 3, "pending": 1, "in_progress": 0, "outdated": 0, "problems": 1, "needs_attention": true}}
 * }</pre>
 * {@code line} is 0 when a problem concerns a whole file. New keys may be added; none will be removed or renamed.
 */
public final class StatusDocument {

    private final StatusReport report;

    public StatusDocument(Path workingDir) {
        this.report = new StatusReport(workingDir);
    }

    public String json(Plan plan) {
        ObjectNode document = Json.object();
        document.set("migrations", report.migrations(plan));
        document.set("problems", problems(plan.problems()));
        document.set("warnings", problems(plan.warnings()));
        ObjectNode summary = document.putObject("summary");
        summary.put("applied", count(plan, MigrationState.APPLIED));
        summary.put("pending", count(plan, MigrationState.PENDING));
        summary.put("in_progress", count(plan, MigrationState.IN_PROGRESS));
        summary.put("outdated", count(plan, MigrationState.OUTDATED));
        summary.put("problems", plan.problems().size());
        summary.put("needs_attention", plan.needsAttention());
        return Json.render(document);
    }

    private static ArrayNode problems(List<Problem> problems) {
        ArrayNode array = Json.array();
        for (Problem p : problems) {
            ObjectNode o = array.addObject();
            o.put("file", p.file());
            o.put("line", p.line());
            o.put("message", p.message());
        }
        return array;
    }

    private static long count(Plan plan, MigrationState state) {
        return plan.entries().stream().filter(e -> e.state() == state).count();
    }
}
