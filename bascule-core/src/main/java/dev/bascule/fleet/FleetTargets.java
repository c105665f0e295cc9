package dev.bascule.fleet;

import dev.bascule.Overrides;
import dev.bascule.Project;
import dev.bascule.Settings;
import dev.bascule.config.ConfigFile;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a fleet's targets come from: environments of {@code bascule.yml} matching a pattern, a file of connection
 * URLs, or the databases a query returns on a server (a tenant per database). Each target's settings resolve the way
 * a single command's do (flags over {@code bascule.yml} over the process environment); a target whose settings do
 * not resolve is kept as an unresolved target and reported as failed, without stopping the others.
 */
public final class FleetTargets {

    /** How long the {@code --databases-from} query may run. */
    private static final int DISCOVERY_QUERY_SECONDS = 30;

    private final Project project;
    private final Function<String, String> env;
    private final Overrides overrides;

    /**
     * @param env       the process environment, as given to {@link Project#open} ({@code DATABASE_URL} is read from it)
     * @param overrides flags applying to every target (paths, manifest, timeouts, role, ...)
     */
    public FleetTargets(Project project, Function<String, String> env, Overrides overrides) {
        if (overrides.embedded()) {
            throw new BasculeException.Configuration("fleet: --embedded is for trying things out on one database; a fleet"
                    + " runs on the databases it names");
        }
        this.project = project;
        this.env = env;
        this.overrides = overrides;
    }

    /** Every environment whose name matches {@code patterns} (comma-separated globs), in the file's order. */
    public List<FleetTarget> environments(String patterns) {
        if (overrides.environment() != null) {
            throw new BasculeException.Configuration("fleet: --envs chooses the environments; drop --env " + overrides.environment());
        }
        if (overrides.url() != null) {
            throw new BasculeException.Configuration("fleet: with --envs each environment names its own database; drop --url");
        }
        ConfigFile file = configFile("--envs");
        EnvironmentPattern pattern = EnvironmentPattern.parse(patterns);
        List<FleetTarget> targets = new ArrayList<>();
        for (String name : file.environments().keySet()) {
            if (pattern.matches(name)) {
                targets.add(resolve(name, with(overrides, name, null)));
            }
        }
        if (targets.isEmpty()) {
            throw new BasculeException.Configuration("fleet: --envs '" + patterns + "' matches none of the environments "
                    + file.environments().keySet() + " of " + file.path());
        }
        return targets;
    }

    /**
     * One target per URL of {@code file} (see {@link TargetFile}); migrations and every other setting come from the
     * environment chosen by {@code --env} (or the default one), the URL replacing its database.
     */
    public List<FleetTarget> urls(Path file) {
        if (overrides.url() != null) {
            throw new BasculeException.Configuration("fleet: --targets names the databases; drop --url");
        }
        Path path = project.workingDir().resolve(file);
        List<FleetTarget> targets = new ArrayList<>();
        for (TargetFile.Line line : TargetFile.read(path, file.toString())) {
            targets.add(resolve(line.name(), with(overrides, overrides.environment(), line.url())));
        }
        return targets;
    }

    /**
     * One target per database {@code query} returns (its first column) on the server the settings name ({@code --url},
     * or the environment's); each is the server's URL with that database. The query runs on its own connection,
     * closed before any target starts.
     */
    public List<FleetTarget> databasesFrom(String query) {
        Settings server = project.settings(overrides);
        Database database = server.database().orElseGet(server::requireDatabase);
        String serverUrl = serverUrl(server, database);
        List<FleetTarget> targets = new ArrayList<>();
        for (String name : databaseNames(database, query)) {
            targets.add(resolve(name, with(overrides, overrides.environment(), DatabaseUrls.withDatabase(serverUrl, name))));
        }
        return targets;
    }

    /**
     * The server's URL as the user wrote it (so a password it carries still applies): the flag, the environment's
     * url, {@code DATABASE_URL}; else the resolved JDBC URL (libpq variables: the password comes from them again).
     */
    private String serverUrl(Settings server, Database database) {
        if (overrides.url() != null) {
            return overrides.url();
        }
        java.util.Optional<ConfigFile> file = project.configFile().map(ConfigFile::load);
        if (file.isPresent() && file.get().environments().containsKey(server.environment())) {
            String url = file.get().environment(server.environment(), env).url();
            if (url != null) {
                return url;
            }
        }
        String databaseUrl = env.apply("DATABASE_URL");
        return databaseUrl != null && !databaseUrl.isBlank() ? databaseUrl : database.url();
    }

    private static List<String> databaseNames(Database database, String query) {
        Set<String> names = new LinkedHashSet<>();
        try (Connection connection = database.connect(); Statement st = connection.createStatement()) {
            st.setQueryTimeout(DISCOVERY_QUERY_SECONDS);
            try (ResultSet rs = st.executeQuery(query)) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name == null || name.isBlank()) {
                        throw new BasculeException.Configuration("fleet: --databases-from returned an empty database name"
                                + " on " + database.describe() + ": make the query return only database names (datname)");
                    }
                    names.add(name);
                }
            }
        } catch (SQLException e) {
            throw new BasculeException.Configuration("fleet: the --databases-from query failed on " + database.describe()
                    + ": " + e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")
                    + ": it must be a SELECT whose first column is a database name, e.g. SELECT datname FROM pg_database"
                    + " WHERE datname LIKE 'tenant_%'", null);
        }
        if (names.isEmpty()) {
            throw new BasculeException.Configuration("fleet: the --databases-from query returned no databases on "
                    + database.describe());
        }
        return List.copyOf(names);
    }

    private ConfigFile configFile(String option) {
        return project.configFile().map(ConfigFile::load).orElseThrow(() -> new BasculeException.Configuration("fleet: "
                + option + " needs a bascule.yml in " + project.workingDir() + " (or --config FILE)"));
    }

    private FleetTarget resolve(String name, Overrides targetOverrides) {
        try {
            return FleetTarget.of(name, project.settings(targetOverrides));
        } catch (BasculeException e) {
            return FleetTarget.unresolved(name, Database.redact(e.getMessage()));
        }
    }

    private static Overrides with(Overrides o, String environment, String url) {
        return new Overrides(environment, url, o.user(), o.password(), o.paths(), o.manifest(), false, o.target(),
                o.lockWait(), o.lockTimeout(), o.connectTimeout(), o.role());
    }
}
