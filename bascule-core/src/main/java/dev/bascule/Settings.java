package dev.bascule;

import dev.bascule.catalog.Stage;
import dev.bascule.catalog.Version;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.history.HistoryTable;
import dev.bascule.run.Hooks;
import dev.bascule.run.LoggingListener;
import dev.bascule.run.MigrationListener;
import dev.bascule.source.Location;
import dev.bascule.source.SourceSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything Bascule needs to act on one database, resolved and immutable: the one settings type. The Java API
 * builds it with {@link #builder()} ({@code Bascule.configure()}); {@code bascule.yml}, flags and environment
 * variables resolve into it ({@code Project#settings}). Derived views ({@link #locations()},
 * {@link #manifestForNewMigrations()}) are computed, never stored twice.
 *
 * @param environment      the environment's name, for messages
 * @param database         the database; empty when none is named (then only {@link #embedded()} may supply one)
 * @param embedded         where the embedded PostgreSQL keeps its data, when the user chose it explicitly
 *                         ({@code demo}, {@code --embedded}, {@code embedded: true}); never a silent fallback
 * @param stages           the migration sets to run, in order (one versioned stage without {@code stages:})
 * @param schemas          the schemas Bascule manages ({@code reset} drops and re-creates them)
 * @param history          the applied-migrations table
 * @param dev              a changed applied migration is a warning here, not an error
 * @param resettable       {@code reset} may drop this environment's schemas
 * @param allowExec        {@code exec} may run files here without recording them
 * @param lockWait         how long to wait for another runner's advisory lock
 * @param lockTimeout      PostgreSQL {@code lock_timeout} for every statement Bascule sends (zero: not set)
 * @param statementTimeout PostgreSQL {@code statement_timeout} for migration statements (zero: not set)
 * @param target           apply nothing above this version
 * @param sourceSettings   settings for sources and stores ({@code s3.region}, ...)
 * @param baseDir          the folder relative paths were resolved against (the working directory)
 * @param adopt            on the first migrate, import this tool's history as applied ({@code pop})
 * @param secureStore      where this environment's real secure migrations are kept ({@code s3://bucket/prefix})
 * @param role             {@code SET ROLE} to this after connecting, so objects are owned by the application's role
 * @param lockRetries      how often a migration that hit a lock timeout or deadlock is retried (with backoff)
 * @param allowPhaseSkip   let one migrate apply several phases of an expand/contract change (releases taken together)
 * @param hooks            SQL files and commands run around migrate
 * @param allowDown        {@code down} may run here without {@code --yes} (always allowed in dev)
 * @param auditDir         where {@code -- bascule:audit} files go ({@code audit-dir}; default {@code audit/}), absolute
 * @param schemaFile       where the schema snapshot is written after every successful migrate and down
 */
public record Settings(String environment, Optional<Database> database, Optional<Path> embedded, List<Stage> stages,
                       List<String> schemas, HistoryTable history, boolean dev, boolean resettable, boolean allowExec,
                       Duration lockWait, Duration lockTimeout, Duration statementTimeout, Optional<Version> target,
                       SourceSettings sourceSettings, Path baseDir, Optional<String> adopt,
                       Optional<Location> secureStore, Optional<String> role, int lockRetries,
                       boolean allowPhaseSkip, Hooks hooks, boolean allowDown, Path auditDir,
                       Optional<Path> schemaFile) {

    public static final String DEFAULT_HISTORY_TABLE = "bascule_schema_migrations";

    /** The audit folder under the base folder when {@code audit-dir} is not set. */
    public static final String DEFAULT_AUDIT_DIR = "audit";

    public Settings {
        stages = List.copyOf(stages);
        schemas = List.copyOf(schemas);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("settings need at least one stage");
        }
        if (lockRetries < 0) {
            throw new IllegalArgumentException("lock retries must not be negative: " + lockRetries);
        }
    }

    /** Retries by default outside dev, where a blocked deploy should wait out a short lock; none in dev. */
    public static int defaultLockRetries(boolean dev) {
        return dev ? 0 : 5;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Every stage's locations, in order, each once: for commands that look at files. */
    public List<Location> locations() {
        return stages.stream().flatMap(s -> s.locations().stream()).distinct().toList();
    }

    /** Every location whose files are secure migrations (those of the secure store included). */
    public Set<Location> secureLocations() {
        Set<Location> secure = new LinkedHashSet<>();
        stages.forEach(s -> secure.addAll(s.secureLocations()));
        secureStore.ifPresent(secure::add);
        return secure;
    }

    /** One definition of "is this location secret": its stage or the environment says so. */
    public boolean isSecure(Location location) {
        return secureLocations().contains(location);
    }

    /** Whether a local file lies in a secure folder (or in {@code tmp/}, where production secure files are written). */
    public boolean isSecureFile(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.startsWith(baseDir.resolve("tmp").toAbsolutePath().normalize())) {
            return true;
        }
        return secureLocations().stream().map(Location::localPath).flatMap(Optional::stream).anyMatch(abs::startsWith);
    }

    /**
     * The manifest new migrations are added to: the last versioned stage's (MilMove's dml, not its archived
     * legacy one), else the first stage's that has one.
     */
    public Optional<String> manifestForNewMigrations() {
        return stages.stream().filter(s -> !s.repeatable()).map(Stage::manifest).flatMap(Optional::stream)
                .reduce((first, second) -> second)
                .or(() -> stages.stream().map(Stage::manifest).flatMap(Optional::stream).findFirst());
    }

    /** The configured database, or an error listing every way to name one (exit 2). */
    public Database requireDatabase() {
        return database.orElseThrow(() -> new BasculeException.Configuration("no database configured for environment '"
                + environment + "': name one with --url (jdbc:postgresql://host:5432/db or postgres://user@host/db),"
                + " DATABASE_URL, PGHOST/PGDATABASE, or 'url:' in bascule.yml; for a local try-out use --embedded"
                + " (an embedded PostgreSQL 17 kept in .bascule/)"));
    }

    /**
     * Fluent settings, in the style Flyway users know:
     * <pre>{@code
     * Bascule.configure()
     *        .dataSource("jdbc:postgresql://localhost/app", "app", password)
     *        .locations("db/schema", "s3://bucket/secure-migrations")
     *        .secureLocations("s3://bucket/secure-migrations")
     *        .manifest("db/manifest.txt")
     *        .load()
     *        .migrate();
     * }</pre>
     * Relative locations and the manifest resolve against {@link #baseDir(Path)} (default: the working directory)
     * when {@link #build()} runs.
     */
    public static final class Builder {

        private String environment = "default";
        private Database database;
        private Path embedded;
        private final List<String> locations = new ArrayList<>();
        private final List<String> secureLocations = new ArrayList<>();
        private String manifest;
        private final List<Stage> stages = new ArrayList<>();
        private List<String> schemas = List.of("public");
        private HistoryTable history = new HistoryTable("public", DEFAULT_HISTORY_TABLE);
        private boolean dev;
        private boolean resettable;
        private boolean allowExec;
        private Duration lockWait = Duration.ofSeconds(60);
        private Duration lockTimeout = Duration.ofSeconds(10);
        private Duration statementTimeout = Duration.ZERO;
        private Version target;
        private final Map<String, String> sourceSettings = new LinkedHashMap<>();
        private Path baseDir = Path.of("");
        private String adopt;
        private String secureStore;
        private String role;
        private Integer lockRetries;
        private boolean allowPhaseSkip;
        private Hooks hooks = Hooks.NONE;
        private boolean allowDown;
        private String auditDir = DEFAULT_AUDIT_DIR;
        private Path schemaFile;
        private MigrationListener listener = new LoggingListener();

        Builder() {
        }

        Builder(Settings s) {
            environment = s.environment;
            database = s.database.orElse(null);
            embedded = s.embedded.orElse(null);
            stages.addAll(s.stages);
            schemas = s.schemas;
            history = s.history;
            dev = s.dev;
            resettable = s.resettable;
            allowExec = s.allowExec;
            lockWait = s.lockWait;
            lockTimeout = s.lockTimeout;
            statementTimeout = s.statementTimeout;
            target = s.target.orElse(null);
            sourceSettings.putAll(s.sourceSettings.values());
            baseDir = s.baseDir;
            adopt = s.adopt.orElse(null);
            secureStore = s.secureStore.map(Location::uri).orElse(null);
            role = s.role.orElse(null);
            lockRetries = s.lockRetries;
            allowPhaseSkip = s.allowPhaseSkip;
            hooks = s.hooks;
            allowDown = s.allowDown;
            auditDir = s.auditDir.toString();
            schemaFile = s.schemaFile.orElse(null);
        }

        public Builder environment(String name) {
            this.environment = name;
            return this;
        }

        public Builder dataSource(String url, String user, String password) {
            this.database = new Database(url, user, password);
            return this;
        }

        /**
         * The application's connection pool: each run borrows one connection and hands it back as it was lent
         * (see {@link Database#borrowing}).
         */
        public Builder dataSource(javax.sql.DataSource dataSource) {
            this.database = Database.borrowing(dataSource, "the application's DataSource ("
                    + dataSource.getClass().getSimpleName() + ")");
            return this;
        }

        public Builder database(Database database) {
            this.database = database;
            return this;
        }

        /** Use an embedded PostgreSQL 17 keeping its data in {@code home} (needs bascule-embedded on the class path). */
        public Builder embedded(Path home) {
            this.embedded = home;
            return this;
        }

        /** Ordered migration locations; when a file name is in several, the first location wins. */
        public Builder locations(String... locations) {
            this.locations.clear();
            this.locations.addAll(List.of(locations));
            this.stages.clear();
            return this;
        }

        /** Locations (also listed in {@link #locations}) whose files are secure migrations, never shown. */
        public Builder secureLocations(String... locations) {
            this.secureLocations.addAll(List.of(locations));
            return this;
        }

        public Builder manifest(String manifestFile) {
            this.manifest = manifestFile;
            this.stages.clear();
            return this;
        }

        /**
         * Ordered migration sets (see {@link Stage}); they replace {@link #locations}, {@link #secureLocations} and
         * {@link #manifest}.
         */
        public Builder stages(List<Stage> stages) {
            this.stages.clear();
            this.stages.addAll(stages);
            return this;
        }

        public Builder schemas(String... schemas) {
            this.schemas = List.of(schemas);
            return this;
        }

        public Builder historyTable(String schema, String table) {
            this.history = new HistoryTable(schema, table);
            return this;
        }

        public Builder dev(boolean dev) {
            this.dev = dev;
            return this;
        }

        public Builder resettable(boolean resettable) {
            this.resettable = resettable;
            return this;
        }

        public Builder allowExec(boolean allowExec) {
            this.allowExec = allowExec;
            return this;
        }

        public Builder lockWait(Duration wait) {
            this.lockWait = wait;
            return this;
        }

        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = timeout;
            return this;
        }

        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = timeout;
            return this;
        }

        public Builder target(Version version) {
            this.target = version;
            return this;
        }

        public Builder sourceSetting(String key, String value) {
            this.sourceSettings.put(key, value);
            return this;
        }

        /** Relative locations and the manifest resolve against this folder (default: the working directory). */
        public Builder baseDir(Path dir) {
            this.baseDir = dir;
            return this;
        }

        /** On the first migrate (no history table yet), import Pop's {@code schema_migration} as applied history. */
        public Builder adoptPop(boolean adopt) {
            this.adopt = adopt ? "pop" : null;
            return this;
        }

        /** On the first migrate (no history table yet), import this tool's history as applied. */
        public Builder adopt(String tool) {
            this.adopt = tool;
            return this;
        }

        public Builder secureStore(String location) {
            this.secureStore = location;
            return this;
        }

        /** {@code SET ROLE} after connecting, before the history table is touched (seed 004's application role). */
        public Builder role(String role) {
            this.role = role;
            return this;
        }

        /** Retries of a migration that hit a lock timeout or deadlock (default 5 outside dev, 0 in dev). */
        public Builder lockRetries(int retries) {
            this.lockRetries = retries;
            return this;
        }

        /** Lets one migrate apply several phases of an expand/contract change (see seed 003's slow roll). */
        public Builder allowPhaseSkip(boolean allow) {
            this.allowPhaseSkip = allow;
            return this;
        }

        /** SQL files and commands run around migrate (seed 004's application restart). */
        public Builder hooks(Hooks hooks) {
            this.hooks = hooks;
            return this;
        }

        /** {@code down} may run here without confirmation ({@code allow-down: true}). */
        public Builder allowDown(boolean allow) {
            this.allowDown = allow;
            return this;
        }

        /** Where audit files go; a relative folder resolves against {@link #baseDir(Path)} (default {@code audit}). */
        public Builder auditDir(String folder) {
            this.auditDir = folder;
            return this;
        }

        /** Write the schema snapshot here after every successful migrate and down (relative: to the base folder). */
        public Builder schemaFile(Path file) {
            this.schemaFile = file;
            return this;
        }

        /** Receives progress events (not a setting: it is how the caller listens). */
        public Builder listener(MigrationListener listener) {
            this.listener = listener;
            return this;
        }

        MigrationListener listener() {
            return listener;
        }

        public Settings build() {
            Path base = baseDir.toAbsolutePath().normalize();
            List<Stage> resolved = stages;
            if (resolved.isEmpty()) {
                List<Location> locs = (locations.isEmpty() ? List.of("migrations") : locations).stream()
                        .map(l -> Location.parse(l, base)).toList();
                Set<Location> secure = new LinkedHashSet<>();
                secureLocations.forEach(l -> secure.add(Location.parse(l, base)));
                resolved = List.of(Stage.single(locs, secure,
                        Optional.ofNullable(manifest).map(m -> resolveManifest(m, base))));
            }
            return new Settings(environment, Optional.ofNullable(database), Optional.ofNullable(embedded), resolved,
                    schemas, history, dev, resettable, allowExec, lockWait, lockTimeout, statementTimeout,
                    Optional.ofNullable(target), new SourceSettings(sourceSettings), base, Optional.ofNullable(adopt),
                    Optional.ofNullable(secureStore).map(l -> Location.parse(l, base)), Optional.ofNullable(role),
                    lockRetries != null ? lockRetries : defaultLockRetries(dev), allowPhaseSkip, hooks, allowDown,
                    base.resolve(auditDir).toAbsolutePath().normalize(),
                    Optional.ofNullable(schemaFile).map(f -> base.resolve(f).normalize()));
        }

        /** A manifest file resolved against the base folder; {@code classpath:} manifests stay as written. */
        static String resolveManifest(String manifest, Path base) {
            return manifest.startsWith(Location.CLASSPATH + ":") ? manifest
                    : base.resolve(manifest).toAbsolutePath().normalize().toString();
        }

        /** The facade over these settings. Connects to nothing yet: each call opens what it needs. */
        public Bascule load() {
            return Bascule.load(build(), listener);
        }
    }
}
