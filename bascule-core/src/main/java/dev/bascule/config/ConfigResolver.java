package dev.bascule.config;

import dev.bascule.catalog.Stage;
import dev.bascule.db.Authentication;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.history.HistoryTable;
import dev.bascule.source.SourceSettings;
import dev.bascule.source.Sources;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Combines, highest first: command-line flags, the selected environment of {@code bascule.yml}, then
 * {@code DATABASE_URL}, the libpq variables ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER},
 * {@code PGPASSWORD}, {@code PGSSLMODE}) and MilMove's {@code MIGRATION_PATH} / {@code MIGRATION_MANIFEST}.
 */
public final class ConfigResolver {

    /** Values given on the command line; null or empty when not given. */
    public record Overrides(String environment, String url, String user, String password, List<String> paths,
                            String manifest, Path workingDir) {
    }

    private final Function<String, String> env;

    public ConfigResolver(Function<String, String> env) {
        this.env = env;
    }

    public ResolvedEnvironment resolve(Optional<ConfigFile> file, Overrides flags) {
        String name = flags.environment() != null ? flags.environment()
                : file.map(ConfigFile::defaultEnvironment).orElse(null);
        EnvironmentConfig cfg = null;
        Path configDir = flags.workingDir();
        if (file.isPresent()) {
            configDir = Optional.ofNullable(file.get().path().toAbsolutePath().getParent()).orElse(flags.workingDir());
            if (name == null && file.get().environments().size() == 1) {
                name = file.get().environments().keySet().iterator().next();
            }
            if (name != null) {
                cfg = file.get().environments().get(name);
                if (cfg == null) {
                    throw new BasculeException.Configuration(file.get().path() + ": there is no environment '" + name
                            + "'; known: " + file.get().environments().keySet());
                }
            } else if (!file.get().environments().isEmpty()) {
                throw new BasculeException.Configuration(file.get().path() + " defines several environments "
                        + file.get().environments().keySet() + " and no default-environment: choose one with --env");
            }
        } else if (flags.environment() != null) {
            throw new BasculeException.Configuration("--env " + flags.environment()
                    + " given, but there is no bascule.yml here: create one or pass --config FILE");
        }
        EnvironmentConfig c = cfg != null ? cfg
                : new EnvironmentConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, null);

        Optional<Database> database = database(flags, c);
        List<String> paths;
        Path base;
        if (flags.paths() != null && !flags.paths().isEmpty()) {
            paths = flags.paths();
            base = flags.workingDir();
        } else if (c.paths() != null && !c.paths().isEmpty()) {
            paths = c.paths();
            base = configDir;
        } else if (env.apply("MIGRATION_PATH") != null && !env.apply("MIGRATION_PATH").isBlank()) {
            paths = Arrays.stream(env.apply("MIGRATION_PATH").split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            base = flags.workingDir();
        } else {
            paths = List.of("migrations");
            base = flags.workingDir();
        }
        final Path pathBase = base;
        paths = paths.stream().map(p -> absolute(p, pathBase)).toList();

        Optional<String> manifest;
        if (flags.manifest() != null) {
            manifest = Optional.of(absolute(flags.manifest(), flags.workingDir()));
        } else if (c.manifest() != null) {
            manifest = Optional.of(absolute(c.manifest(), configDir));
        } else if (env.apply("MIGRATION_MANIFEST") != null && !env.apply("MIGRATION_MANIFEST").isBlank()) {
            manifest = Optional.of(absolute(env.apply("MIGRATION_MANIFEST"), flags.workingDir()));
        } else {
            manifest = Optional.empty();
        }
        final Path cfgDir = configDir;
        Set<String> secure = new LinkedHashSet<>();
        if (c.secure() != null) {
            c.secure().forEach(s -> secure.add(absolute(s, cfgDir)));
        }
        if (pathsFromMigrationPath(flags, c)) {
            // MilMove's convention: the s3:// entries of MIGRATION_PATH hold the secure migrations. Without a
            // bascule.yml saying otherwise they are secret, so their text can never reach an error message.
            paths.stream().filter(p -> "s3".equals(Sources.schemeOf(p))).forEach(secure::add);
        }
        final String envLabel = envNameOrDefault(name);
        String where = file.map(f -> f.path() + ": environments." + envLabel).orElse("configuration");
        SourceSettings sourceSettings = secureAndAuth(c, file, name, secure, where);
        database = database.map(db -> Authentication.apply(db, c.auth(), c.region(), sourceSettings, where));
        boolean embedded = database.isEmpty();
        String envName = name != null ? name : embedded ? "embedded" : "default";
        // --path or --manifest on the command line replaces the environment's stages with one stage of those.
        boolean flagsOverride = (flags.paths() != null && !flags.paths().isEmpty()) || flags.manifest() != null;
        Optional<List<Stage>> declared = flagsOverride ? Optional.empty()
                : new StageResolver(file.map(f -> f.path().toString()).orElse("bascule.yml"), envName, configDir).resolve(c);
        List<Stage> stages = declared.orElse(List.of(Stage.single(paths, secure, manifest)));
        if (declared.isPresent()) {
            paths = stages.stream().flatMap(s -> s.locations().stream()).distinct().toList();
            // Where 'gen migration' adds new files: the last versioned stage (MilMove's dml, not its archived legacy).
            manifest = stages.stream().filter(s -> !s.repeatable()).map(Stage::manifest).flatMap(Optional::stream)
                    .reduce((first, second) -> second)
                    .or(() -> stages.stream().map(Stage::manifest).flatMap(Optional::stream).findFirst());
            stages.forEach(s -> secure.addAll(s.secureLocations()));
        }
        boolean adoptPop = adoptPop(c.adopt(), file, envName);
        return new ResolvedEnvironment(envName, database, paths, manifest, secure,
                c.schemas() == null || c.schemas().isEmpty() ? List.of("public") : c.schemas(),
                c.dev() != null ? c.dev() : embedded,
                c.resettable() != null ? c.resettable() : embedded,
                new HistoryTable(c.historySchema() == null ? "public" : c.historySchema(),
                        c.historyTable() == null ? "bascule_schema_migrations" : c.historyTable()),
                Durations.parse(c.lockWait() == null ? "60s" : c.lockWait(), "lock-wait"),
                Durations.parse(c.lockTimeout() == null ? "10s" : c.lockTimeout(), "lock-timeout"),
                Durations.parse(c.statementTimeout() == null ? "0" : c.statementTimeout(), "statement-timeout"),
                sourceSettings, configDir, stages, adoptPop);
    }

    private static boolean adoptPop(String adopt, Optional<ConfigFile> file, String envName) {
        if (adopt == null) {
            return false;
        }
        if (!adopt.equals("pop")) {
            throw new BasculeException.Configuration(file.map(f -> f.path().toString()).orElse("bascule.yml")
                    + ": environment '" + envName + "': adopt '" + adopt + "' is unknown; the only value is pop"
                    + " (import Pop's schema_migration on the first run)");
        }
        return true;
    }

    /**
     * The {@code secure-store:} location is a secure location too, and its {@code s3.*} keys join the source
     * settings (they describe that location). {@code auth: rds-iam} with a password in the file is a mistake.
     */
    private static SourceSettings secureAndAuth(EnvironmentConfig c, Optional<ConfigFile> file, String name, Set<String> secure,
                                                String where) {
        Map<String, String> settings = c.sourceSettings() == null ? Map.of() : c.sourceSettings();
        if (c.secureStore() != null) {
            SecureStoreConfig store = c.secureStore().validated(file.map(ConfigFile::path).orElse(Path.of("bascule.yml")),
                    envNameOrDefault(name));
            secure.add(store.location());
            settings = store.sourceSettings(settings);
        }
        if (c.auth() != null && !Authentication.PASSWORD.equals(c.auth().strip()) && c.password() != null) {
            throw new BasculeException.Configuration(where + ": auth is " + c.auth() + ", so the password comes from"
                    + " it; remove the password key");
        }
        return new SourceSettings(settings);
    }

    private boolean pathsFromMigrationPath(Overrides flags, EnvironmentConfig c) {
        return (flags.paths() == null || flags.paths().isEmpty()) && (c.paths() == null || c.paths().isEmpty())
                && env.apply("MIGRATION_PATH") != null && !env.apply("MIGRATION_PATH").isBlank();
    }

    private static String envNameOrDefault(String name) {
        return name == null ? "default" : name;
    }

    /** Turns bare relative paths into absolute ones; URIs ({@code file://}, {@code s3://}) stay as written. */
    static String absolute(String location, Path base) {
        if (Sources.schemeOf(location) != null) {
            return location;
        }
        return base.resolve(location).toAbsolutePath().normalize().toString();
    }

    private Optional<Database> database(Overrides flags, EnvironmentConfig c) {
        String url = first(flags.url(), c.url());
        String user = first(flags.user(), c.user());
        String password = first(flags.password(), c.password());
        if (url == null && env.apply("DATABASE_URL") != null && !env.apply("DATABASE_URL").isBlank()) {
            Database fromUrl = fromDatabaseUrl(env.apply("DATABASE_URL"));
            url = fromUrl.url();
            user = first(user, fromUrl.user());
            password = first(password, passwordOf(env.apply("DATABASE_URL")));
        }
        if (url == null && (env.apply("PGHOST") != null || env.apply("PGDATABASE") != null)) {
            String host = Optional.ofNullable(env.apply("PGHOST")).orElse("localhost");
            String port = Optional.ofNullable(env.apply("PGPORT")).orElse("5432");
            String pgUser = Optional.ofNullable(env.apply("PGUSER")).orElse(System.getProperty("user.name"));
            String db = Optional.ofNullable(env.apply("PGDATABASE")).orElse(pgUser);
            url = "jdbc:postgresql://" + host + ":" + port + "/" + db;
            if (env.apply("PGSSLMODE") != null) {
                url += "?sslmode=" + env.apply("PGSSLMODE");
            }
        }
        if (url == null) {
            return Optional.empty();
        }
        user = first(user, env.apply("PGUSER"));
        password = first(password, env.apply("PGPASSWORD"));
        return Optional.of(new Database(url, user, password));
    }

    /** {@code postgres://user:pass@host:port/db?sslmode=x} (the Heroku/dbmate form) or a JDBC URL. */
    static Database fromDatabaseUrl(String value) {
        if (value.startsWith("jdbc:")) {
            return new Database(value, null, null);
        }
        URI uri = URI.create(value);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new BasculeException.Configuration("DATABASE_URL must start with postgres:// or jdbc:postgresql://, got '"
                    + Database.redact(value) + "'");
        }
        String user = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            user = URLDecoder.decode(info.contains(":") ? info.substring(0, info.indexOf(':')) : info, StandardCharsets.UTF_8);
        }
        String url = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Database(url, user, null);
    }

    private static String passwordOf(String databaseUrl) {
        if (databaseUrl.startsWith("jdbc:")) {
            return null;
        }
        String info = URI.create(databaseUrl).getRawUserInfo();
        return info == null || !info.contains(":") ? null
                : URLDecoder.decode(info.substring(info.indexOf(':') + 1), StandardCharsets.UTF_8);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** Finds {@code bascule.yml} (or {@code .yaml}) in the working directory. */
    public static Optional<Path> findConfigFile(Path workingDir) {
        List<Path> candidates = new ArrayList<>(List.of(workingDir.resolve("bascule.yml"), workingDir.resolve("bascule.yaml")));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }
}
