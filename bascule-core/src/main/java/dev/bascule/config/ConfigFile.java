package dev.bascule.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.bascule.error.BasculeException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bascule.yml}: named environments and the default one. String values may use {@code ${VAR}} (or
 * {@code ${VAR:-fallback}}) to take secrets from the process environment instead of the file.
 */
public record ConfigFile(Path path, String defaultEnvironment, Map<String, EnvironmentConfig> environments,
                         Map<String, Object> lint) {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /** The shape of the file, bound by Jackson. */
    record Raw(String defaultEnvironment, Map<String, EnvironmentConfig> environments, Map<String, Object> lint) {
    }

    public static ConfigFile load(Path path, Function<String, String> env) {
        JsonNode tree;
        try {
            tree = new YAMLMapper().readTree(Files.readString(path));
        } catch (JsonProcessingException e) {
            throw new BasculeException.Configuration(path + ":" + e.getLocation().getLineNr() + ": not valid YAML: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BasculeException.Configuration(path + ": cannot read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return new ConfigFile(path, null, Map.of(), Map.of());
        }
        substitute(tree, "", path, env);
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try {
            Raw raw = mapper.treeToValue(tree, Raw.class);
            Map<String, EnvironmentConfig> environments = raw.environments() == null ? Map.of() : new LinkedHashMap<>(raw.environments());
            if (raw.defaultEnvironment() != null && !environments.containsKey(raw.defaultEnvironment())) {
                throw new BasculeException.Configuration(path + ": default-environment '" + raw.defaultEnvironment()
                        + "' is not one of the environments " + environments.keySet());
            }
            return new ConfigFile(path, raw.defaultEnvironment(), environments,
                    raw.lint() == null ? Map.of() : raw.lint());
        } catch (UnrecognizedPropertyException e) {
            throw new BasculeException.Configuration(path + ": unknown key '" + e.getPropertyName() + "' at "
                    + pathOf(e) + "; known keys: " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw new BasculeException.Configuration(path + ": " + pathOf(e) + ": " + e.getOriginalMessage());
        }
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            StringBuilder sb = new StringBuilder();
            for (var ref : m.getPath()) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
            }
            return sb.length() == 0 ? "top level" : sb.toString();
        }
        return "top level";
    }

    private static void substitute(JsonNode node, String where, Path file, Function<String, String> env) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = where.isEmpty() ? field.getKey() : where + "." + field.getKey();
                if (field.getValue().isTextual()) {
                    field.setValue(new TextNode(interpolate(field.getValue().asText(), at, file, env)));
                } else {
                    substitute(field.getValue(), at, file, env);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, new TextNode(interpolate(array.get(i).asText(), where + "[" + i + "]", file, env)));
                } else {
                    substitute(array.get(i), where + "[" + i + "]", file, env);
                }
            }
        }
    }

    static String interpolate(String value, String where, Path file, Function<String, String> env) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String found = env.apply(m.group(1));
            if (found == null) {
                if (m.group(2) == null) {
                    throw new BasculeException.Configuration(file + ": " + where + " uses ${" + m.group(1)
                            + "}, but that environment variable is not set: export it, or write ${" + m.group(1) + ":-default}");
                }
                found = m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(found));
        }
        m.appendTail(out);
        return out.toString();
    }
}
