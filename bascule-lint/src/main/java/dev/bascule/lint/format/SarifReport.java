package dev.bascule.lint.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.LintResult;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.rules.Rule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SARIF 2.1.0: one run, the rule catalogue as {@code tool.driver.rules}, one result per finding. */
final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {
    }

    static String render(List<LintResult> results, List<Rule> rules) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "bascule");
        driver.put("version", "0.1.0");
        ArrayNode ruleArray = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (Rule rule : rules) {
            ruleIndex.put(rule.id(), ruleIndex.size());
            ObjectNode r = ruleArray.addObject();
            r.put("id", rule.id());
            r.putObject("shortDescription").put("text", rule.summary());
            r.putObject("fullDescription").put("text", rule.why());
            r.putObject("help").put("text", rule.fix());
            // No public site yet, so no helpUri (it must be absolute); the page's path in the repository:
            r.putObject("properties").put("documentation", "docs/rules/" + rule.id() + ".md");
            r.putObject("defaultConfiguration").put("level", level(rule.defaultSeverity()))
                    .put("enabled", rule.enabledByDefault());
        }
        ArrayNode out = run.putArray("results");
        for (LintResult result : results) {
            for (Finding f : result.findings()) {
                ObjectNode r = out.addObject();
                r.put("ruleId", f.ruleId());
                if (ruleIndex.containsKey(f.ruleId())) {
                    r.put("ruleIndex", ruleIndex.get(f.ruleId()));
                }
                r.put("level", level(f.severity()));
                String text = f.message() + (f.safeAlternative().isEmpty() ? ""
                        : "\nSafe alternative:\n" + f.safeAlternative());
                r.putObject("message").put("text", text);
                ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
                physical.putObject("artifactLocation").put("uri", uri(f.file()));
                physical.putObject("region").put("startLine", f.line()).put("startColumn", f.column());
                ObjectNode props = r.putObject("properties");
                props.put("lock", f.lock().sqlName());
                props.put("blocksReads", f.lock().blocksReads());
                props.put("blocksWrites", f.lock().blocksWrites());
                props.put("safeAlternative", f.safeAlternative());
            }
        }
        return JsonReport.write(root);
    }

    /** A file name as an RFC 3986 URI reference: absolute paths as file: URIs, relative ones percent-encoded. */
    static String uri(String file) {
        java.nio.file.Path path = java.nio.file.Path.of(file);
        if (path.isAbsolute()) {
            return path.toUri().toString();
        }
        StringBuilder b = new StringBuilder();
        for (byte octet : file.replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (octet & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "/-._~!$&'()*+,;=@".indexOf(c) >= 0) {
                b.append(c);
            } else {
                b.append('%').append(String.format("%02X", octet & 0xff));
            }
        }
        return b.toString();
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
