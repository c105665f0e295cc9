package dev.bascule;

import dev.bascule.catalog.Stage;
import dev.bascule.catalog.Version;
import dev.bascule.config.ResolvedEnvironment;
import dev.bascule.db.Database;
import dev.bascule.history.HistoryTable;
import dev.bascule.run.MigrationListener;
import dev.bascule.source.SourceSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fluent configuration, in the style Flyway users know:
 * <pre>{@code
 * Bascule.configure()
 *        .dataSource("jdbc:postgresql://localhost/app", "app", password)
 *        .locations("db/schema", "s3://bucket/secure-migrations")
 *        .secureLocations("s3://bucket/secure-migrations")
 *        .manifest("db/manifest.txt")
 *        .load()
 *        .migrate();
 * }</pre>
 */
public final class BasculeConfiguration {

    Database database;
    final List<String> locations = new ArrayList<>();
    final Set<String> secureLocations = new LinkedHashSet<>();
    String manifest;
    List<String> schemas = List.of("public");
    HistoryTable history = new HistoryTable("public", "bascule_schema_migrations");
    boolean dev;
    boolean resettable;
    Duration lockWait = Duration.ofSeconds(60);
    Duration lockTimeout = Duration.ofSeconds(10);
    Duration statementTimeout = Duration.ZERO;
    Optional<Version> target = Optional.empty();
    final Map<String, String> sourceSettings = new HashMap<>();
    MigrationListener listener = MigrationListener.NONE;
    Path baseDir = Path.of("");
    final List<Stage> stages = new ArrayList<>();
    boolean adoptPop;

    BasculeConfiguration() {
    }

    /** Everything from a resolved {@code bascule.yml} environment (which must name a database). */
    public BasculeConfiguration environment(ResolvedEnvironment env) {
        this.database = env.database().orElseThrow(() -> new IllegalArgumentException("environment has no database"));
        this.locations.clear();
        this.locations.addAll(env.paths());
        this.secureLocations.addAll(env.secureLocations());
        this.manifest = env.manifest().orElse(null);
        this.schemas = env.schemas();
        this.history = env.history();
        this.dev = env.dev();
        this.resettable = env.resettable();
        this.lockWait = env.lockWait();
        this.lockTimeout = env.lockTimeout();
        this.statementTimeout = env.statementTimeout();
        this.sourceSettings.putAll(env.sourceSettings().values());
        this.baseDir = env.baseDir();
        this.stages.clear();
        if (env.stages().size() > 1 || env.stages().stream().anyMatch(s -> !s.name().equals(Stage.DEFAULT_NAME))) {
            this.stages.addAll(env.stages());
        }
        this.adoptPop = env.adoptPop();
        return this;
    }

    /**
     * Ordered migration sets (see {@link Stage}); they replace {@link #locations}, {@link #secureLocations} and
     * {@link #manifest}. Without stages those form the single versioned stage.
     */
    public BasculeConfiguration stages(List<Stage> stages) {
        this.stages.clear();
        this.stages.addAll(stages);
        return this;
    }

    /** On the first migrate (no history table yet), import Pop's {@code schema_migration} as applied history. */
    public BasculeConfiguration adoptPop(boolean adopt) {
        this.adoptPop = adopt;
        return this;
    }

    /** The stages to run: those given, or one versioned stage of the locations and manifest. */
    List<Stage> effectiveStages() {
        if (!stages.isEmpty()) {
            return List.copyOf(stages);
        }
        return List.of(Stage.single(locations, secureLocations, Optional.ofNullable(manifest)));
    }

    public BasculeConfiguration dataSource(String url, String user, String password) {
        this.database = new Database(url, user, password);
        return this;
    }

    public BasculeConfiguration database(Database database) {
        this.database = database;
        return this;
    }

    /** Ordered migration locations; when a file name is in several, the first location wins. */
    public BasculeConfiguration locations(String... locations) {
        this.locations.clear();
        this.locations.addAll(List.of(locations));
        return this;
    }

    /** Locations (also listed in {@link #locations}) whose files are secure migrations, never shown. */
    public BasculeConfiguration secureLocations(String... locations) {
        this.secureLocations.addAll(List.of(locations));
        return this;
    }

    public BasculeConfiguration manifest(String manifestFile) {
        this.manifest = manifestFile;
        return this;
    }

    public BasculeConfiguration schemas(String... schemas) {
        this.schemas = List.of(schemas);
        return this;
    }

    public BasculeConfiguration historyTable(String schema, String table) {
        this.history = new HistoryTable(schema, table);
        return this;
    }

    public BasculeConfiguration dev(boolean dev) {
        this.dev = dev;
        return this;
    }

    public BasculeConfiguration resettable(boolean resettable) {
        this.resettable = resettable;
        return this;
    }

    public BasculeConfiguration lockWait(Duration wait) {
        this.lockWait = wait;
        return this;
    }

    public BasculeConfiguration lockTimeout(Duration timeout) {
        this.lockTimeout = timeout;
        return this;
    }

    public BasculeConfiguration statementTimeout(Duration timeout) {
        this.statementTimeout = timeout;
        return this;
    }

    public BasculeConfiguration target(Version version) {
        this.target = Optional.ofNullable(version);
        return this;
    }

    public BasculeConfiguration sourceSetting(String key, String value) {
        this.sourceSettings.put(key, value);
        return this;
    }

    public BasculeConfiguration listener(MigrationListener listener) {
        this.listener = listener;
        return this;
    }

    /** Relative locations and the manifest resolve against this folder (default: the working directory). */
    public BasculeConfiguration baseDir(Path dir) {
        this.baseDir = dir;
        return this;
    }

    SourceSettings settingsFor(Stage stage, String location) {
        Map<String, String> values = new HashMap<>(sourceSettings);
        // s3://bucket/prefix and s3://bucket/prefix/ are one location: a stray slash must not make secrets visible.
        String wanted = withoutTrailingSlash(location);
        if (java.util.stream.Stream.concat(secureLocations.stream(), stage.secureLocations().stream())
                .anyMatch(s -> withoutTrailingSlash(s).equals(wanted))) {
            values.put("secret", "true");
        }
        return new SourceSettings(values);
    }

    private static String withoutTrailingSlash(String location) {
        String l = location;
        while (l.endsWith("/") && !l.endsWith("://")) {
            l = l.substring(0, l.length() - 1);
        }
        return l;
    }

    public Bascule load() {
        if (database == null) {
            throw new dev.bascule.error.BasculeException.Configuration("no database configured: call dataSource(url, user, password)");
        }
        return new Bascule(this);
    }
}
