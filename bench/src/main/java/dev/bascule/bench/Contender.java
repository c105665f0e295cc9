package dev.bascule.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One way of applying the generated migrations, run as a whole operating-system process. */
public sealed interface Contender permits Contender.Bascule, Contender.Psql, Contender.Flyway, Contender.Liquibase {

    /** Short label for the results table. */
    String name();

    /** The command line that applies every migration to {@code database}. */
    List<String> command(ServerAddress server, String database);

    /** SQL counting the successful history rows the runner wrote, when it keeps a history. */
    Optional<String> historyCount();

    /** {@code bascule migrate} through the repository's launcher script, exactly as a user runs it. */
    record Bascule(String name, Path launcher, Path migrations) implements Contender {
        Bascule(Path launcher, Path migrations) {
            this("bascule migrate", launcher, migrations);
        }

        @Override
        public List<String> command(ServerAddress server, String database) {
            return List.of(launcher.toString(), "migrate", "--url", server.jdbcUrl(database), "--user", server.user(),
                    "--path", migrations.toString());
        }

        /** {@code bascule status} on a migrated database. */
        public List<String> statusCommand(ServerAddress server, String database) {
            return List.of(launcher.toString(), "status", "--url", server.jdbcUrl(database), "--user", server.user(),
                    "--path", migrations.toString());
        }

        @Override
        public Optional<String> historyCount() {
            return Optional.of("SELECT count(*) FROM public.bascule_schema_migrations WHERE success");
        }
    }

    /**
     * The floor: one psql session, each file in its own transaction, stopping at the first error. With a driver that
     * adds a runner's statements it measures those round trips instead.
     */
    record Psql(String name, Path psql, Path driver, Optional<String> historyCount) implements Contender {

        /** psql running {@code driver}, which writes no history. */
        public static Psql floor(Path psql, Path driver) {
            return new Psql("psql (floor)", psql, driver, Optional.empty());
        }

        @Override
        public List<String> command(ServerAddress server, String database) {
            return List.of(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.host(),
                    "-p", String.valueOf(server.port()), "-U", server.user(), "-d", database, "-f", driver.toString());
        }
    }

    /**
     * Flyway (flyway-core + flyway-database-postgresql) driven by {@link FlywayMain} in its own JVM.
     *
     * @param version flyway-core's version on {@code classpath} (11 is the bench module's own, 13 a peer's)
     */
    record Flyway(Path java, String classpath, Path migrations, String version) implements Contender {
        @Override
        public String name() {
            return "flyway " + version;
        }

        @Override
        public List<String> command(ServerAddress server, String database) {
            return List.of(java.toString(), "-cp", classpath, FlywayMain.class.getName(), server.jdbcUrl(database),
                    server.user(), migrations.toString());
        }

        @Override
        public Optional<String> historyCount() {
            return Optional.of("SELECT count(*) FROM public.flyway_schema_history WHERE success AND version IS NOT NULL");
        }
    }

    /**
     * Liquibase's own command line ({@code liquibase update}) on one formatted-SQL changelog holding every migration
     * as a changeset ({@link LiquibaseChangelog}), in its own JVM with analytics off.
     */
    record Liquibase(Path java, String classpath, Path changelogDir, String version) implements Contender {
        @Override
        public String name() {
            return "liquibase " + version;
        }

        @Override
        public List<String> command(ServerAddress server, String database) {
            return List.of(java.toString(), "-Dliquibase.analytics.enabled=false", "-cp", classpath,
                    "liquibase.integration.commandline.LiquibaseCommandLine", "--show-banner=false",
                    "--url=" + server.jdbcUrl(database), "--username=" + server.user(),
                    "--search-path=" + changelogDir, "--changelog-file=" + LiquibaseChangelog.FILE_NAME, "update");
        }

        @Override
        public Optional<String> historyCount() {
            return Optional.of("SELECT count(*) FROM public.databasechangelog WHERE exectype = 'EXECUTED'");
        }
    }

    /** The version of the jar {@code artifactId-VERSION.jar} on a class path, from its file name. */
    static String jarVersion(String classpath, String artifactId) {
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith(artifactId + "-") && name.endsWith(".jar")
                    && Character.isDigit(name.charAt(artifactId.length() + 1))) {
                return name.substring(artifactId.length() + 1, name.length() - ".jar".length());
            }
        }
        throw new IllegalArgumentException("no " + artifactId + "-VERSION.jar on the class path " + classpath);
    }
}
