package dev.bascule.lint.observed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bascule.lint.format.ReportFormat;
import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.LintResult;
import dev.bascule.lint.rules.Rule;
import dev.bascule.trace.HeldLock;
import dev.bascule.trace.LockLevel;
import dev.bascule.trace.Relation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lint report with what trace observed: each finding gets the lock the server held for its statement, what it
 * rewrote and read whole ({@code observed} in JSON, a property bag in SARIF, a line in text), and the report lists
 * every traced statement. The formats' own output is rendered first and then added to, so the plain report and the
 * traced one never differ in anything else. Statement text is never shown: positions only.
 */
public final class ObservedRendering {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ObservedRendering() {
    }

    public static String render(ReportFormat format, List<LintResult> results, List<Rule> rules,
                                ObservedLocks observed) {
        return switch (format) {
            case TEXT -> text(results, rules, observed);
            case JSON -> json(results, rules, observed);
            case SARIF -> sarif(results, rules, observed);
            case GITHUB -> github(results, rules, observed);
        };
    }

    private static Optional<ObservedStatement> of(Finding f, ObservedLocks observed) {
        return observed.owner(f.file(), f.line(), f.column());
    }

    private static String text(List<LintResult> results, List<Rule> rules, ObservedLocks observed) {
        StringBuilder b = new StringBuilder();
        for (LintResult result : results) {
            for (Finding f : result.findings()) {
                String block = ReportFormat.TEXT.render(List.of(new LintResult(result.file(), 0, List.of(f))), rules);
                List<String> lines = new ArrayList<>(List.of(block.split("\n")));
                lines.remove(lines.size() - 1); // the one-finding summary
                int after = lines.size() > 1 && lines.get(1).startsWith("  lock: ") ? 2 : 1;
                lines.add(after, "  observed: " + of(f, observed).map(ObservedStatement::describe)
                        .orElse("not traced (the trace stopped before it, or the file was not traced)"));
                lines.forEach(line -> b.append(line).append('\n'));
            }
        }
        List<ObservedStatement> all = observed.all();
        b.append("observed by trace (").append(all.size()).append(" statement(s)):\n");
        for (ObservedStatement s : all) {
            b.append("  ").append(s.file()).append(':').append(s.line()).append(':').append(s.column()).append("  ")
                    .append(s.trace().failed() ? "failed on the shadow database" : s.describe()).append('\n');
        }
        String summary = ReportFormat.TEXT.render(results, rules);
        b.append(summary.substring(summary.lastIndexOf('\n', summary.length() - 2) + 1));
        return b.toString();
    }

    private static String json(List<LintResult> results, List<Rule> rules, ObservedLocks observed) {
        ObjectNode root = (ObjectNode) read(ReportFormat.JSON.render(results, rules));
        List<Finding> findings = flat(results);
        ArrayNode nodes = (ArrayNode) root.get("findings");
        for (int i = 0; i < findings.size(); i++) {
            Optional<ObservedStatement> seen = of(findings.get(i), observed);
            if (seen.isPresent()) {
                facts(((ObjectNode) nodes.get(i)).putObject("observed"), seen.get());
            }
        }
        statements(root.putArray("observed"), observed);
        ArrayNode notes = root.putArray("traceNotes");
        observed.notes().forEach(notes::add);
        return write(root);
    }

    private static String sarif(List<LintResult> results, List<Rule> rules, ObservedLocks observed) {
        ObjectNode root = (ObjectNode) read(ReportFormat.SARIF.render(results, rules));
        ObjectNode run = (ObjectNode) root.get("runs").get(0);
        List<Finding> findings = flat(results);
        ArrayNode nodes = (ArrayNode) run.get("results");
        for (int i = 0; i < findings.size(); i++) {
            Optional<ObservedStatement> seen = of(findings.get(i), observed);
            if (seen.isPresent()) {
                ObjectNode result = (ObjectNode) nodes.get(i);
                ObjectNode bag = result.has("properties") ? (ObjectNode) result.get("properties")
                        : result.putObject("properties");
                facts(bag.putObject("observed"), seen.get());
            }
        }
        ObjectNode bag = run.has("properties") ? (ObjectNode) run.get("properties") : run.putObject("properties");
        statements(bag.putArray("observedStatements"), observed);
        ArrayNode notes = bag.putArray("traceNotes");
        observed.notes().forEach(notes::add);
        return write(root);
    }

    /** GitHub annotations carry only a message: the observed facts are added to it. */
    private static String github(List<LintResult> results, List<Rule> rules, ObservedLocks observed) {
        List<LintResult> shown = results.stream().map(r -> new LintResult(r.file(), r.statements(),
                r.findings().stream().map(f -> new Finding(f.ruleId(), f.severity(), f.file(), f.line(), f.column(),
                        f.message() + of(f, observed).map(s -> "\nObserved by trace: " + s.describe()).orElse(""),
                        f.lock(), f.safeAlternative(), f.table())).toList())).toList();
        return ReportFormat.GITHUB.render(shown, rules);
    }

    private static void statements(ArrayNode out, ObservedLocks observed) {
        for (ObservedStatement s : observed.all()) {
            ObjectNode n = out.addObject();
            n.put("file", s.file());
            n.put("line", s.line());
            n.put("column", s.column());
            n.put("secure", s.secret());
            n.put("failed", s.trace().failed());
            facts(n, s);
        }
    }

    /** The observed facts of one statement; never its text. */
    private static void facts(ObjectNode n, ObservedStatement s) {
        Optional<LockLevel> held = s.strongestHeld();
        n.put("lock", held.map(LockLevel::sqlName).orElse("none"));
        n.put("lockTakenHere", s.strongestTaken().isPresent() && s.strongestTaken().equals(held));
        n.put("blocksReads", held.map(LockLevel::blocksReads).orElse(false));
        n.put("blocksWrites", held.map(LockLevel::blocksWrites).orElse(false));
        ArrayNode locks = n.putArray("locks");
        for (HeldLock l : s.existingLocks()) {
            locks.addObject().put("relation", l.relation().qualified()).put("kind", l.relation().kind())
                    .put("mode", l.mode().sqlName()).put("acquired", l.acquired());
        }
        relations(n.putArray("rewritten"), s.rewritten());
        if (s.trace().scansKnown()) {
            relations(n.putArray("scannedWhole"), s.scanned());
        } else {
            n.putNull("scannedWhole");
        }
        n.put("rowsWritten", s.trace().rowsWritten());
        n.put("observation", s.trace().observation().name().toLowerCase(java.util.Locale.ROOT));
        n.put("description", s.describe());
    }

    private static void relations(ArrayNode out, List<Relation> relations) {
        relations.forEach(r -> out.add(r.qualified()));
    }

    private static List<Finding> flat(List<LintResult> results) {
        return results.stream().flatMap(r -> r.findings().stream()).toList();
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report formats always write valid JSON", e);
        }
    }

    private static String write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree built in memory always serialises", e);
        }
    }
}
