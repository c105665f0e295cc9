package dev.bascule.pop;

import dev.bascule.config.Preset;
import dev.bascule.config.StageConfig;

import java.util.List;

/** {@code preset: milmove}: MilMove's {@code migrations/app} tree as stages; paths are relative to {@code root:}. */
public final class MilmovePreset implements Preset {

    public static final String MILMOVE = "milmove";
    public static final String MILMOVE_ROOT = "migrations/app";

    @Override
    public String name() {
        return MILMOVE;
    }

    @Override
    public String defaultRoot() {
        return MILMOVE_ROOT;
    }

    @Override
    public List<StageConfig> stages(String root) {
        return milmove(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
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
                new StageConfig("dml", legacyPaths, root + "/dml_migrations_manifest.txt", secure, "versioned", null,
                        "data"));
    }

    private static StageConfig ddl(String root, String set) {
        return new StageConfig("ddl_" + set, List.of(root + "/ddl_migrations/ddl_" + set),
                root + "/ddl_" + set + "_manifest.txt", List.of(), "repeatable", "on-change");
    }
}
