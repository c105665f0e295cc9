package dev.bascule.trace;

import dev.bascule.text.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code bascule trace --format sarif}: SARIF 2.1.0 with one result per thing observed that hurts a live application,
 * at the statement's file and line (never its text). Same shape as the linter's SARIF (one run, the rules as
 * {@code tool.driver.rules}, properties for the lock), written here because the core cannot depend on the linter.
 */
public final class TraceSarif {

    /** The observations reported, as SARIF rules. */
    enum TraceRule {
        TABLE_REWRITE("trace-table-rewrite", "error", "The statement rewrote an existing table",
                "A rewrite copies every row while holding ACCESS EXCLUSIVE: reads and writes wait until the transaction ends."),
        INDEX_REBUILD("trace-index-rebuild", "warning", "The statement rebuilt an existing index or other relation",
                "Rebuilding reads the whole table under a lock that blocks writes at least."),
        SCAN_UNDER_LOCK("trace-scan-under-lock", "error", "The statement read a whole table while its transaction held a lock blocking writes to it",
                "The application waits for as long as the scan takes, which grows with the table."),
        BLOCKS_READS("trace-blocks-reads", "warning", "The statement took ACCESS EXCLUSIVE on an existing relation",
                "Reads and writes of it wait until the transaction ends; keep the transaction short and lock_timeout set."),
        BLOCKS_WRITES("trace-blocks-writes", "warning", "The statement took a lock blocking writes on an existing relation",
                "INSERT, UPDATE and DELETE on it wait until the transaction ends."),
        FAILED("trace-statement-failed", "error", "The statement failed on the shadow database",
                "It would fail on the target too: migrate rolls back the migration.");

        final String id;
        final String level;
        final String summary;
        final String why;

        TraceRule(String id, String level, String summary, String why) {
            this.id = id;
            this.level = level;
            this.summary = summary;
            this.why = why;
        }
    }

    private TraceSarif() {
    }

    public static String render(TraceReport report, Path workingDir) {
        ObjectNode root = Json.object();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "bascule trace");
        driver.put("version", "0.1.0");
        ArrayNode rules = driver.putArray("rules");
        for (TraceRule rule : TraceRule.values()) {
            ObjectNode r = rules.addObject();
            r.put("id", rule.id);
            r.putObject("shortDescription").put("text", rule.summary);
            r.putObject("fullDescription").put("text", rule.why);
            r.putObject("properties").put("documentation", "docs/trace.md");
            r.putObject("defaultConfiguration").put("level", rule.level);
        }
        ArrayNode results = run.putArray("results");
        for (StatementTrace s : report.statements().toList()) {
            for (Map.Entry<TraceRule, String> found : findings(s).entrySet()) {
                ObjectNode r = results.addObject();
                r.put("ruleId", found.getKey().id).put("ruleIndex", found.getKey().ordinal()).put("level", found.getKey().level);
                r.putObject("message").put("text", found.getValue() + " (observed on a shadow copy of " + report.target() + ")");
                ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
                physical.putObject("artifactLocation").put("uri", uri(s.file(), workingDir));
                physical.putObject("region").put("startLine", s.line()).put("startColumn", s.column());
                ObjectNode props = r.putObject("properties");
                s.acquired().stream().filter(l -> !l.newRelation()).map(HeldLock::mode).reduce(LockLevel::max)
                        .ifPresent(mode -> props.put("lock", mode.sqlName()));
                props.put("locksObserved", s.observation().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return Json.render(root);
    }

    /** What one statement did that a live application would feel; no statement text. */
    static Map<TraceRule, String> findings(StatementTrace s) {
        Map<TraceRule, String> found = new java.util.EnumMap<>(TraceRule.class);
        if (s.failed()) {
            found.put(TraceRule.FAILED, s.error().get());
            return found;
        }
        List<String> tables = s.rewritten().stream().filter(Relation::isTable).filter(r -> !isNew(s, r))
                .map(Relation::qualified).toList();
        List<String> others = s.rewritten().stream().filter(r -> !r.isTable()).filter(r -> !isNew(s, r))
                .map(Relation::qualified).toList();
        if (!tables.isEmpty()) {
            found.put(TraceRule.TABLE_REWRITE, "rewrote " + String.join(", ", tables));
        }
        if (!others.isEmpty()) {
            found.put(TraceRule.INDEX_REBUILD, "rebuilt " + String.join(", ", others));
        }
        List<String> lockedScans = s.scans().stream().filter(t -> !isNew(s, t.table()))
                .filter(t -> s.strongestHeld(r -> r.equals(t.table())).map(LockLevel::blocksWrites).orElse(false))
                .map(t -> t.table().qualified() + " under " + s.strongestHeld(r -> r.equals(t.table())).get().sqlName())
                .toList();
        if (!lockedScans.isEmpty()) {
            found.put(TraceRule.SCAN_UNDER_LOCK, "read the whole of " + String.join(", ", lockedScans));
        }
        String readers = s.acquired().stream().filter(l -> !l.newRelation() && l.mode().blocksReads())
                .map(l -> l.relation().qualified()).distinct().collect(Collectors.joining(", "));
        String writers = s.acquired().stream().filter(l -> !l.newRelation() && l.mode().blocksWrites() && !l.mode().blocksReads())
                .filter(l -> s.acquired().stream().noneMatch(o -> o.relation().equals(l.relation()) && o.mode().blocksReads()))
                .map(l -> l.mode().sqlName() + " on " + l.relation().qualified()).distinct().collect(Collectors.joining(", "));
        if (!readers.isEmpty()) {
            found.put(TraceRule.BLOCKS_READS, "took ACCESS EXCLUSIVE on " + readers);
        }
        if (!writers.isEmpty()) {
            found.put(TraceRule.BLOCKS_WRITES, "took " + writers);
        }
        return found;
    }

    private static boolean isNew(StatementTrace s, Relation relation) {
        return s.created().contains(relation) || s.locks().stream().anyMatch(l -> l.relation().equals(relation) && l.newRelation());
    }

    /** A relative, percent-encoded URI for files under the working folder, else an absolute one. */
    static String uri(String file, Path workingDir) {
        if (file.contains("://")) {
            return file;
        }
        Path abs = Path.of(file).toAbsolutePath().normalize();
        Path wd = workingDir.toAbsolutePath().normalize();
        if (!abs.startsWith(wd)) {
            return abs.toUri().toString();
        }
        try {
            return new URI(null, null, wd.relativize(abs).toString().replace('\\', '/'), null).toASCIIString();
        } catch (URISyntaxException e) {
            return abs.toUri().toString();
        }
    }
}
