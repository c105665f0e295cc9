package dev.bascule.config;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Ready-made stage lists for layouts teams already have, selected with {@code preset:} in {@code bascule.yml}.
 * Paths are relative to the preset's {@code root:}.
 */
public final class Presets {

    /** MilMove's {@code migrations/app}: the archived legacy manifest, four DDL sets, then data migrations. */
    public static final String MILMOVE = "milmove";
    public static final String MILMOVE_ROOT = "migrations/app";

    private static final Map<String, Function<String, List<StageConfig>>> PRESETS = Map.of(MILMOVE, Presets::milmove);
    private static final Map<String, String> DEFAULT_ROOTS = Map.of(MILMOVE, MILMOVE_ROOT);

    private Presets() {
    }

    public static boolean exists(String name) {
        return PRESETS.containsKey(name);
    }

    public static List<String> names() {
        return PRESETS.keySet().stream().sorted().toList();
    }

    /** The folder a preset's paths are under when {@code root:} is not given. */
    public static String defaultRoot(String name) {
        return DEFAULT_ROOTS.get(name);
    }

    /** The stages of a preset, with paths under {@code root} (as written, resolved later like any path). */
    public static List<StageConfig> stages(String name, String root) {
        return PRESETS.get(name).apply(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
    }

    /**
     * What {@code milmove migrate} runs, in its order: {@code migrations_manifest.txt} over {@code schema} and
     * {@code secure} (versioned, the archived history), the DDL sets of types, tables, views and functions (each
     * a repeatable manifest over its {@code ddl_migrations} folder: MilMove re-runs them on every deploy, Bascule
     * when a file changed), then {@code dml_migrations_manifest.txt}, whose files also live in {@code schema} and
     * {@code secure} (versioned).
     */
    private static List<StageConfig> milmove(String root) {
        List<String> legacyPaths = List.of(root + "/schema", root + "/secure");
        List<String> secure = List.of(root + "/secure");
        return List.of(
                new StageConfig("legacy", legacyPaths, root + "/migrations_manifest.txt", secure, "versioned", null),
                ddl(root, "types"), ddl(root, "tables"), ddl(root, "views"), ddl(root, "functions"),
                new StageConfig("dml", legacyPaths, root + "/dml_migrations_manifest.txt", secure, "versioned", null));
    }

    private static StageConfig ddl(String root, String set) {
        return new StageConfig("ddl_" + set, List.of(root + "/ddl_migrations/ddl_" + set),
                root + "/ddl_" + set + "_manifest.txt", List.of(), "repeatable", "on-change");
    }
}
