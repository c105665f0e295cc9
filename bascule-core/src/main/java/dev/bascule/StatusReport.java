package dev.bascule;

import dev.bascule.text.Json;
import dev.bascule.text.TextTable;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bascule.catalog.Migration;
import dev.bascule.plan.DataProgress;
import dev.bascule.plan.Plan;
import dev.bascule.plan.PlanEntry;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Renders a plan as the status table or as a JSON array ({@code status}, {@code status --json}). */
public final class StatusReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path workingDir;

    public StatusReport(Path workingDir) {
        this.workingDir = workingDir;
    }

    String source(PlanEntry entry) {
        return entry.location().map(l -> l.display(workingDir)).orElse("");
    }

    public String table(Plan plan) {
        // One stage (no 'stages' configured) keeps the table as it always was; several add a STAGE column.
        boolean staged = plan.entries().stream().map(PlanEntry::stage).filter(s -> !s.isEmpty()).distinct().count() > 1;
        List<String[]> rows = new ArrayList<>();
        rows.add(withStage(staged, "STAGE", new String[]{"VERSION", "NAME", "KIND", "STATE", "APPLIED AT (UTC)", "MS", "SOURCE"}));
        // A row per migration: a location's display (a path relative to the working directory) is worked out once.
        java.util.Map<dev.bascule.source.Location, String> sources = new java.util.IdentityHashMap<>();
        for (PlanEntry e : plan.entries()) {
            String source = e.location().isEmpty() ? "" : sources.computeIfAbsent(e.location().get(), l -> l.display(workingDir));
            rows.add(withStage(staged, e.stage(), new String[]{e.version().toString(), e.name(), e.kind(), e.state().label(),
                    e.appliedAt().isEmpty() ? "" : TIME.format(e.appliedAt().get().withOffsetSameInstant(ZoneOffset.UTC)),
                    e.executionMs().isEmpty() ? "" : String.valueOf(e.executionMs().get()), source}));
        }
        int msColumn = staged ? 6 : 5;
        StringBuilder sb = new StringBuilder(TextTable.render(rows, "", msColumn));
        int[] byState = new int[dev.bascule.plan.MigrationState.values().length];
        for (PlanEntry e : plan.entries()) {
            byState[e.state().ordinal()]++;
        }
        long pending = byState[dev.bascule.plan.MigrationState.PENDING.ordinal()];
        long applied = byState[dev.bascule.plan.MigrationState.APPLIED.ordinal()];
        long outdated = byState[dev.bascule.plan.MigrationState.OUTDATED.ordinal()];
        long inProgress = byState[dev.bascule.plan.MigrationState.IN_PROGRESS.ordinal()];
        sb.append(applied).append(" applied, ").append(pending).append(" pending");
        if (inProgress > 0) {
            sb.append(", ").append(inProgress).append(" in progress");
        }
        if (outdated > 0) {
            sb.append(", ").append(outdated).append(" outdated (repeatable, will re-run)");
        }
        if (!plan.problems().isEmpty()) {
            sb.append(", ").append(plan.problems().size()).append(" problem(s):");
            plan.problems().forEach(p -> sb.append("\n  ").append(p));
        }
        changes(plan).forEach(line -> sb.append('\n').append(line));
        definitions(plan).forEach(line -> sb.append('\n').append(line));
        inProgress(plan).forEach(line -> sb.append('\n').append(line));
        return sb.append('\n').toString();
    }

    /**
     * One line per expand/contract change ({@code -- bascule:phase NAME N} files): how far it got, so a release
     * manager sees which phase is live and which is waiting for its release.
     */
    static List<String> changes(Plan plan) {
        java.util.Map<String, java.util.TreeMap<Integer, List<dev.bascule.plan.MigrationState>>> byChange = new java.util.TreeMap<>();
        for (PlanEntry e : plan.entries()) {
            e.migration().flatMap(Migration::phase).ifPresent(p -> byChange.computeIfAbsent(p.change(),
                    k -> new java.util.TreeMap<>()).computeIfAbsent(p.number(), k -> new ArrayList<>()).add(e.state()));
        }
        List<String> lines = new ArrayList<>();
        byChange.forEach((change, phases) -> {
            int total = phases.lastKey();
            int applied = 0;
            for (var phase : phases.entrySet()) {
                if (phase.getValue().stream().allMatch(s -> s == dev.bascule.plan.MigrationState.APPLIED)) {
                    applied = phase.getKey();
                } else {
                    break;
                }
            }
            lines.add("change " + change + ": " + (applied == 0 ? "no phase applied" : "phase " + applied + " of " + total
                    + " applied") + (applied < total ? "; phase " + (applied + 1) + " pending" : ""));
        });
        return lines;
    }

    private static final java.util.regex.Pattern DEFINITION =
            java.util.regex.Pattern.compile("(?:^|[/\\\\])(functions|triggers)[/\\\\]([^/\\\\]+)_v(\\d+)\\.sql$");

    /**
     * Which version of each versioned function and trigger is live: the one included ({@code \\ir}) by the latest
     * applied migration that includes a version of it (fx's {@code db/functions/NAME_vNN.sql}).
     */
    static List<String> definitions(Plan plan) {
        java.util.Map<String, String> live = new java.util.TreeMap<>();
        for (PlanEntry e : plan.entries()) {
            if (e.state() != dev.bascule.plan.MigrationState.APPLIED || e.migration().isEmpty()) {
                continue;
            }
            for (String included : e.migration().get().includes().sourceNames()) {
                java.util.regex.Matcher m = DEFINITION.matcher(included);
                if (m.find()) {
                    String kind = m.group(1).equals("functions") ? "function" : "trigger";
                    live.put(kind + " " + m.group(2), "v" + m.group(3) + " (" + e.migration().get().fileName() + ")");
                }
            }
        }
        List<String> lines = new ArrayList<>();
        live.forEach((name, version) -> lines.add(name + ": " + version + " live"));
        return lines;
    }

    /**
     * One line per data migration in progress: rows done, batches, steps finished, and the statement in flight with
     * the key its walk reached (never for secure migrations), so an operator sees how far a killed run got.
     */
    static List<String> inProgress(Plan plan) {
        List<String> lines = new ArrayList<>();
        for (PlanEntry e : plan.entries()) {
            if (e.progress().isEmpty()) {
                continue;
            }
            DataProgress p = e.progress().get();
            String file = e.migration().map(Migration::fileName).orElse(e.name());
            StringBuilder line = new StringBuilder("in progress " + file + ": " + p.rowsDone() + " row(s) in "
                    + p.batches() + " batch(es), " + p.stepsDone() + " step(s) done; statement " + p.statementIndex());
            p.table().ifPresent(t -> line.append(" walks ").append(t).append(p.keyColumn().map(k -> "." + k).orElse("")));
            p.keyReached().ifPresent(k -> line.append(", key reached ").append(k));
            line.append(", last commit ").append(TIME.format(p.updatedAt().withOffsetSameInstant(ZoneOffset.UTC)))
                    .append(" UTC; migrate resumes it");
            lines.add(line.toString());
        }
        return lines;
    }

    private static String[] withStage(boolean staged, String stage, String[] row) {
        if (!staged) {
            return row;
        }
        String[] wider = new String[row.length + 1];
        wider[0] = stage;
        System.arraycopy(row, 0, wider, 1, row.length);
        return wider;
    }

    public String json(Plan plan) {
        return Json.render(migrations(plan));
    }

    /** The array {@link #json} prints, one object per migration; {@link StatusDocument} holds it too. */
    ArrayNode migrations(Plan plan) {
        ArrayNode array = Json.array();
        for (PlanEntry e : plan.entries()) {
            ObjectNode o = array.addObject();
            o.put("version", e.version().toString());
            o.put("name", e.name());
            o.put("kind", e.kind());
            o.put("state", e.state().label());
            o.put("stage", e.stage());
            o.put("file", e.migration().map(Migration::fileName).orElse(e.applied().map(a -> a.script()).orElse(null)));
            if (e.appliedAt().isPresent()) {
                o.put("applied_at", e.appliedAt().get().withOffsetSameInstant(ZoneOffset.UTC).toString());
            } else {
                o.putNull("applied_at");
            }
            if (e.executionMs().isPresent()) {
                o.put("execution_ms", e.executionMs().get());
            } else {
                o.putNull("execution_ms");
            }
            o.put("source", source(e));
            if (e.progress().isPresent()) {
                DataProgress p = e.progress().get();
                ObjectNode progress = o.putObject("progress");
                progress.put("rows_done", p.rowsDone());
                progress.put("batches", p.batches());
                progress.put("steps_done", p.stepsDone());
                progress.put("statement_index", p.statementIndex());
                progress.put("table", p.table().orElse(null));
                progress.put("key_column", p.keyColumn().orElse(null));
                progress.put("key_reached", p.keyReached().orElse(null));
                progress.put("updated_at", p.updatedAt().withOffsetSameInstant(ZoneOffset.UTC).toString());
            } else {
                o.putNull("progress");
            }
        }
        return array;
    }
}
