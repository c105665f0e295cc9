package dev.bascule;

import dev.bascule.text.Json;
import dev.bascule.text.TextTable;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bascule.history.TaskRun;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Renders task runs as the {@code task list} table or a JSON array, and one run as the line {@code task run} prints. */
public final class TaskReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TaskReport() {
    }

    /** {@code task X: run N succeeded, 12 row(s) changed by 3 statement(s) in 4 batch(es), 120 ms}. */
    public static String summary(TaskRun run) {
        long ms = run.finishedAt().map(f -> java.time.Duration.between(run.startedAt(), f).toMillis()).orElse(0L);
        return "task " + run.task() + ": run " + run.id() + " " + run.outcome().label() + ", " + run.rows()
                + " row(s) changed by " + run.statements() + " statement(s)"
                + (run.batches() > 0 ? " in " + run.batches() + " batch(es)" : "") + ", " + ms + " ms"
                + run.resumedFrom().map(r -> " (resumed run " + r + ")").orElse("");
    }

    public static String table(List<TaskRun> runs) {
        if (runs.isEmpty()) {
            return "no task has run here\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"ID", "TASK", "STARTED (UTC)", "FINISHED (UTC)", "OUTCOME", "ROWS", "BATCHES", "BY"});
        for (TaskRun r : runs) {
            rows.add(new String[]{String.valueOf(r.id()), r.task(), time(r.startedAt()),
                    r.finishedAt().map(TaskReport::time).orElse(""), r.outcome().label(), String.valueOf(r.rows()),
                    String.valueOf(r.batches()), r.runBy()});
        }
        return TextTable.render(rows, "", 0, 5, 6);
    }

    public static String json(List<TaskRun> runs) {
        ArrayNode array = Json.array();
        for (TaskRun r : runs) {
            ObjectNode o = array.addObject();
            o.put("id", r.id());
            o.put("task", r.task());
            o.put("checksum", r.checksum());
            o.put("started_at", r.startedAt().withOffsetSameInstant(ZoneOffset.UTC).toString());
            o.put("finished_at", r.finishedAt().map(f -> f.withOffsetSameInstant(ZoneOffset.UTC).toString()).orElse(null));
            o.put("outcome", r.outcome().label());
            o.put("rows", r.rows());
            o.put("statements", r.statements());
            o.put("batches", r.batches());
            o.put("run_by", r.runBy());
            if (r.resumedFrom().isPresent()) {
                o.put("resumed_from", r.resumedFrom().get());
            } else {
                o.putNull("resumed_from");
            }
            o.put("message", r.message().orElse(null));
        }
        return Json.render(array);
    }

    private static String time(OffsetDateTime t) {
        return TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
