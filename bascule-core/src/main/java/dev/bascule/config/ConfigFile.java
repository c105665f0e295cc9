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
 * {@code ${VAR:-fallback}}) to take secrets from the process environment instead of the file; they are resolved
 * only for the environment in use, so {@code dev} works without the production password's variable.
 */
public record ConfigFile(Path path, String defaultEnvironment, Map<String, JsonNode> environments,
                         Map<String, Object> lint) {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final java.util.Set<String> TOP_LEVEL_KEYS = java.util.Set.of("default-environment", "environments", "lint");

    public ConfigFile {
        environments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environments));
    }

    /** Reads and checks the file's structure; variables are substituted later, per environment. */
    public static ConfigFile load(Path path) {
        JsonNode tree;
        try {
            tree = new YAMLMapper().readTree(Files.readString(path));
        } catch (JsonProcessingException e) {
            throw new BasculeException.Configuration(path + ":" + e.getLocation().getLineNr() + ": not valid YAML: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BasculeException.Configuration(path + ": cannot read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull() || (tree.isObject() && tree.isEmpty())) {
            throw new BasculeException.Configuration(path + ": the file is empty: add 'environments:' with at least one"
                    + " environment (see docs/configuration.md), or delete the file");
        }
        if (!tree.isObject()) {
            throw new BasculeException.Configuration(path + ": expected keys (default-environment, environments, lint)"
                    + " at the top level, found " + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_LEVEL_KEYS.contains(key)) {
                throw new BasculeException.Configuration(path + ": unknown key '" + key + "' at top level; known keys: "
                        + new java.util.TreeSet<>(TOP_LEVEL_KEYS));
            }
        }
        Map<String, JsonNode> environments = new LinkedHashMap<>();
        JsonNode envs = tree.get("environments");
        if (envs != null && !envs.isNull()) {
            if (!envs.isObject()) {
                throw new BasculeException.Configuration(path + ": environments: expected a map of named environments");
            }
            envs.fields().forEachRemaining(e -> environments.put(e.getKey(), e.getValue()));
        }
        String defaultEnvironment = tree.hasNonNull("default-environment") ? tree.get("default-environment").asText() : null;
        if (defaultEnvironment != null && !environments.containsKey(defaultEnvironment)) {
            throw new BasculeException.Configuration(path + ": default-environment '" + defaultEnvironment
                    + "' is not one of the environments " + environments.keySet());
        }
        Map<String, Object> lint = Map.of();
        if (tree.hasNonNull("lint")) {
            JsonNode lintNode = tree.get("lint").deepCopy();
            substitute(lintNode, "lint", path, System::getenv);
            lint = mapper().convertValue(lintNode, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
            });
        }
        return new ConfigFile(path, defaultEnvironment, environments, lint);
    }

    /** Compatibility: loads the file; {@code env} is now applied per environment by {@link #environment}. */
    public static ConfigFile load(Path path, Function<String, String> env) {
        return load(path);
    }

    /**
     * One environment as written, with its {@code ${VAR}} references resolved from {@code env}: a variable that only
     * another environment uses is never looked up.
     */
    public EnvironmentSection environment(String name, Function<String, String> env) {
        JsonNode node = environments.get(name);
        if (node == null) {
            throw new BasculeException.Configuration(path + ": there is no environment '" + name + "'; known: "
                    + environments.keySet());
        }
        if (node.isNull()) {
            node = new com.fasterxml.jackson.databind.node.ObjectNode(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance);
        }
        JsonNode copy = node.deepCopy();
        substitute(copy, "environments." + name, path, env);
        try {
            return mapper().treeToValue(copy, EnvironmentSection.class);
        } catch (UnrecognizedPropertyException e) {
            throw new BasculeException.Configuration(path + ": unknown key '" + e.getPropertyName() + "' at environments."
                    + name + (pathOf(e).equals("top level") ? "" : "." + pathOf(e)) + "; known keys: "
                    + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw new BasculeException.Configuration(path + ": environments." + name + "." + pathOf(e) + ": "
                    + e.getOriginalMessage());
        }
    }

    /** An environment that sets nothing (no bascule.yml): every value comes from flags, variables and defaults. */
    static EnvironmentSection emptySection() {
        return mapper().convertValue(Map.of(), EnvironmentSection.class);
    }

    private static JsonMapper mapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
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
