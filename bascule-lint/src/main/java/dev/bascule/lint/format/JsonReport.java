package dev.bascule.lint.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.LintResult;

import java.util.List;

/** {@code {"findings":[{ruleId, severity, file, line, column, message, lock:{mode, blocksReads, ...}, ...}]}}. */
final class JsonReport {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static String render(List<LintResult> results) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode findings = root.putArray("findings");
        int files = 0;
        for (LintResult result : results) {
            files++;
            for (Finding f : result.findings()) {
                ObjectNode n = findings.addObject();
                n.put("ruleId", f.ruleId());
                n.put("severity", f.severity().label());
                n.put("file", f.file());
                n.put("line", f.line());
                n.put("column", f.column());
                n.put("message", f.message());
                ObjectNode lock = n.putObject("lock");
                lock.put("mode", f.lock().sqlName());
                lock.put("blocksReads", f.lock().blocksReads());
                lock.put("blocksWrites", f.lock().blocksWrites());
                n.put("safeAlternative", f.safeAlternative());
                if (f.table() != null) {
                    n.put("table", f.table());
                }
            }
        }
        root.put("files", files);
        return write(root);
    }

    static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree built in memory always serialises", e);
        }
    }
}
