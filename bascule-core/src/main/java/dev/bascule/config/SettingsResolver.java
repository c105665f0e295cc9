package dev.bascule.config;

import dev.bascule.Overrides;
import dev.bascule.Settings;
import dev.bascule.catalog.Stage;
import dev.bascule.catalog.Version;
import dev.bascule.db.Authentication;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.history.HistoryTable;
import dev.bascule.run.Hooks;
import dev.bascule.source.Location;
import dev.bascule.source.SourceSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves one environment into {@link Settings}, highest first: flags ({@link Overrides}), the selected environment
 * of {@code bascule.yml}, then the process environment ({@code DATABASE_URL}, the libpq variables, MilMove's
 * {@code MIGRATION_PATH} / {@code MIGRATION_MANIFEST}), then defaults.
 */
public final class SettingsResolver {

    /** The folder the embedded PostgreSQL keeps its data in, under the working directory. */
    public static final String EMBEDDED_HOME = ".bascule";

    private final Function<String, String> env;

    public SettingsResolver(Function<String, String> env) {
        this.env = env;
    }

    public Settings resolve(Optional<ConfigFile> file, Overrides flags, Path workingDir) {
        String name = environmentName(file, flags);
        EnvironmentSection c = name != null && file.isPresent() ? file.get().environment(name, env) : empty();
        Path configDir = file.map(f -> Optional.ofNullable(f.path().toAbsolutePath().getParent()).orElse(workingDir))
                .orElse(workingDir);
        String where = file.map(f -> f.path() + ": environments." + (name == null ? "default" : name))
                .orElse("configuration");
        boolean embedded = flags.embedded() || Boolean.TRUE.equals(c.embedded());
        Duration connectTimeout = duration(flags.connectTimeout(), c.connectTimeout(), "10s", "connect-timeout");
        Optional<Database> database = new DatabaseResolver(env).resolve(flags.url(), flags.user(), flags.password(), c,
                connectTimeout);
        if (embedded && database.isPresent() && (flags.url() != null || c.url() != null)) {
            throw new BasculeException.Configuration(where + ": both a url and embedded are given: keep one");
        }
        if (embedded) {
            database = Optional.empty();
        }

        Set<Location> secure = new LinkedHashSet<>();
        if (c.secure() != null) {
            c.secure().forEach(s -> secure.add(location(s, configDir, where)));
        }
        Map<String, String> sourceValues = c.sourceSettings() == null ? Map.of() : c.sourceSettings();
        Optional<Location> secureStore = Optional.empty();
        if (c.secureStore() != null) {
            SecureStoreConfig store = c.secureStore().validated(file.map(ConfigFile::path).orElse(Path.of("bascule.yml")),
                    name == null ? "default" : name);
            secureStore = Optional.of(location(store.location(), configDir, where));
            sourceValues = store.sourceSettings(sourceValues);
        }
        if (c.auth() != null && !Authentication.PASSWORD.equals(c.auth().strip()) && c.password() != null) {
            throw new BasculeException.Configuration(where + ": auth is " + c.auth() + ", so the password comes from"
                    + " it; remove the password key");
        }
        SourceSettings sourceSettings = new SourceSettings(sourceValues);
        database = database.map(db -> Authentication.apply(db, c.auth(), c.region(), sourceSettings, where));
        String envName = name != null ? name : embedded ? "embedded" : "default";

        List<Stage> stages = stages(file, flags, c, configDir, workingDir, envName, secure, where);
        return new Settings(envName, database, embedded ? Optional.of(workingDir.resolve(EMBEDDED_HOME)) : Optional.empty(),
                stages,
                c.schemas() == null || c.schemas().isEmpty() ? List.of("public") : c.schemas(),
                new HistoryTable(c.historySchema() == null ? "public" : c.historySchema(),
                        c.historyTable() == null ? Settings.DEFAULT_HISTORY_TABLE : c.historyTable()),
                c.dev() != null ? c.dev() : embedded,
                c.resettable() != null ? c.resettable() : embedded,
                Boolean.TRUE.equals(c.allowExec()),
                duration(flags.lockWait(), c.lockWait(), "60s", "lock-wait"),
                duration(flags.lockTimeout(), c.lockTimeout(), "10s", "lock-timeout"),
                duration(null, c.statementTimeout(), "0", "statement-timeout"),
                target(flags.target()), sourceSettings, workingDir, adopt(c.adopt(), file, envName), secureStore,
                Optional.ofNullable(flags.role() != null ? flags.role() : c.role()),
                lockRetries(c, where, c.dev() != null ? c.dev() : embedded), false, hooks(c.hooks(), where),
                Boolean.TRUE.equals(c.allowDown()),
                workingDir.resolve(c.auditDir() == null ? Settings.DEFAULT_AUDIT_DIR : c.auditDir()).toAbsolutePath().normalize(),
                Optional.ofNullable(c.schemaFile()).map(f -> configDir.resolve(f).toAbsolutePath().normalize()));
    }

    /** The environment to use: {@code --env}, the file's default, or its only one. */
    private static String environmentName(Optional<ConfigFile> file, Overrides flags) {
        if (file.isEmpty()) {
            if (flags.environment() != null) {
                throw new BasculeException.Configuration("--env " + flags.environment()
                        + " given, but there is no bascule.yml here: create one or pass --config FILE");
            }
            return null;
        }
        ConfigFile f = file.get();
        String name = flags.environment() != null ? flags.environment() : f.defaultEnvironment();
        if (name == null && f.environments().size() == 1) {
            name = f.environments().keySet().iterator().next();
        }
        if (name == null && !f.environments().isEmpty()) {
            throw new BasculeException.Configuration(f.path() + " defines several environments "
                    + f.environments().keySet() + " and no default-environment: choose one with --env");
        }
        if (name != null && !f.environments().containsKey(name)) {
            throw new BasculeException.Configuration(f.path() + ": there is no environment '" + name + "'; known: "
                    + f.environments().keySet());
        }
        return name;
    }

    private List<Stage> stages(Optional<ConfigFile> file, Overrides flags, EnvironmentSection c, Path configDir,
                               Path workingDir, String envName, Set<Location> secure, String where) {
        boolean flagPaths = !flags.paths().isEmpty();
        // --path or --manifest on the command line replaces the environment's stages with one stage of those.
        boolean flagsOverride = flagPaths || flags.manifest() != null;
        if (!flagsOverride) {
            Optional<List<Stage>> declared = new StageResolver(file.map(f -> f.path().toString()).orElse("bascule.yml"),
                    envName, configDir).resolve(c);
            if (declared.isPresent()) {
                return declared.get();
            }
        }
        List<Location> paths;
        String migrationPath = env.apply("MIGRATION_PATH");
        boolean fromMigrationPath = false;
        if (flagPaths) {
            paths = flags.paths().stream().map(p -> location(p, workingDir, "--path")).toList();
        } else if (c.paths() != null && !c.paths().isEmpty()) {
            paths = c.paths().stream().map(p -> location(p, configDir, where)).toList();
        } else if (migrationPath != null && !migrationPath.isBlank()) {
            paths = Arrays.stream(migrationPath.split(";")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(p -> location(p, workingDir, "MIGRATION_PATH")).toList();
            fromMigrationPath = true;
        } else {
            paths = List.of(Location.parse("migrations", workingDir));
        }
        if (fromMigrationPath) {
            // MilMove's convention: the s3:// entries of MIGRATION_PATH hold the secure migrations. Without a
            // bascule.yml saying otherwise they are secret, so their text can never reach an error message.
            paths.stream().filter(p -> p.scheme().equals("s3")).forEach(secure::add);
        }
        Optional<String> manifest;
        String migrationManifest = env.apply("MIGRATION_MANIFEST");
        if (flags.manifest() != null) {
            manifest = Optional.of(manifest(flags.manifest(), workingDir));
        } else if (c.manifest() != null) {
            manifest = Optional.of(manifest(c.manifest(), configDir));
        } else if (migrationManifest != null && !migrationManifest.isBlank()) {
            manifest = Optional.of(manifest(migrationManifest, workingDir));
        } else {
            manifest = Optional.empty();
        }
        return List.of(Stage.single(paths, secure, manifest));
    }

    /** Parses a location as written in configuration; a malformed one is a configuration error naming where. */
    static Location location(String text, Path base, String where) {
        try {
            return Location.parse(text, base);
        } catch (IllegalArgumentException e) {
            throw new BasculeException.Configuration(where + ": location '" + text + "': " + e.getMessage());
        }
    }

    static String manifest(String manifest, Path base) {
        return manifest.startsWith(Location.CLASSPATH + ":") ? manifest
                : base.resolve(manifest).toAbsolutePath().normalize().toString();
    }

    private static Hooks hooks(HooksSection section, String where) {
        if (section == null) {
            return Hooks.NONE;
        }
        return new Hooks(hookList(section.beforeMigrate(), where + ".hooks.before-migrate"),
                hookList(section.afterEach(), where + ".hooks.after-each"),
                hookList(section.afterMigrate(), where + ".hooks.after-migrate"),
                hookList(section.onError(), where + ".hooks.on-error"),
                section.timeout() == null ? Hooks.NONE.timeout() : Durations.parse(section.timeout(), "hooks.timeout"));
    }

    private static List<Hooks.Hook> hookList(List<HooksSection.Entry> entries, String where) {
        if (entries == null) {
            return List.of();
        }
        return entries.stream().map(e -> {
            if ((e.sql() == null) == (e.run() == null)) {
                throw new BasculeException.Configuration(where + ": each hook is either {sql: FILE} or {run: COMMAND}");
            }
            return e.sql() != null ? (Hooks.Hook) new Hooks.Hook.SqlFile(Path.of(e.sql())) : new Hooks.Hook.Command(e.run());
        }).toList();
    }

    private static int lockRetries(EnvironmentSection c, String where, boolean dev) {
        if (c.lockRetries() == null) {
            return Settings.defaultLockRetries(dev);
        }
        if (c.lockRetries() < 0) {
            throw new BasculeException.Configuration(where + ": lock-retries must be 0 or more, got " + c.lockRetries());
        }
        return c.lockRetries();
    }

    private static Duration duration(String flag, String configured, String fallback, String what) {
        if (flag != null) {
            return Durations.parse(flag, "--" + what);
        }
        return Durations.parse(configured == null ? fallback : configured, what);
    }

    private static Optional<Version> target(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Version.parse(text));
        } catch (IllegalArgumentException e) {
            throw new BasculeException.Configuration("--target: " + e.getMessage());
        }
    }

    private static Optional<String> adopt(String adopt, Optional<ConfigFile> file, String envName) {
        if (adopt == null) {
            return Optional.empty();
        }
        List<String> known = dev.bascule.run.HistoryAdopter.installed().stream().map(dev.bascule.run.HistoryAdopter::tool)
                .sorted().toList();
        if (!known.contains(adopt)) {
            throw new BasculeException.Configuration(file.map(f -> f.path().toString()).orElse("bascule.yml")
                    + ": environment '" + envName + "': adopt '" + adopt + "' is unknown; "
                    + (known.size() == 1 ? "the only value is " + known.get(0) : "known: " + known)
                    + " (import that tool's history on the first run)");
        }
        return Optional.of(adopt);
    }

    private static EnvironmentSection empty() {
        return EnvironmentSection.NONE;
    }

    /** Finds {@code bascule.yml} (or {@code .yaml}) in the working directory. */
    public static Optional<Path> findConfigFile(Path workingDir) {
        return List.of(workingDir.resolve("bascule.yml"), workingDir.resolve("bascule.yaml")).stream()
                .filter(Files::isRegularFile).findFirst();
    }
}
