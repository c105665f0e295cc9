package dev.bascule.cli;

import dev.bascule.Overrides;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Options every command that touches a database shares: which environment, database, paths and manifest. */
public final class TargetOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ./bascule.yml when present).")
    String config;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME", description = "Environment of bascule.yml to use.")
    String environment;

    @Option(names = "--url", paramLabel = "URL", description = "Database URL: jdbc:postgresql://host:port/db or postgres://user@host:port/db.")
    String url;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Database user.")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            description = "Database password; without a value it is asked for. Prefer PGPASSWORD, ~/.pgpass or"
                    + " password: ${VAR} in bascule.yml, which keep it out of the shell history.")
    String password;

    @Option(names = {"-p", "--path"}, paramLabel = "PATH", description = "Migration location (folder, file://, classpath: or s3://); repeatable, first wins.")
    List<String> paths = new ArrayList<>();

    @Option(names = {"-m", "--manifest"}, paramLabel = "FILE", description = "Manifest listing the migrations to run.")
    String manifest;

    @Option(names = "--embedded", description = "Use an embedded PostgreSQL 17 kept in .bascule/ (for trying things out).")
    boolean embedded;

    @Option(names = "--lock-wait", paramLabel = "DURATION", description = "How long to wait for another runner's migration lock (default 60s).")
    String lockWait;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "PostgreSQL lock_timeout for each statement (default 10s; 0 disables).")
    String lockTimeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", description = "How long connecting and logging in may take (default 10s).")
    String connectTimeout;

    @Option(names = "--role", paramLabel = "ROLE", description = "SET ROLE to this after connecting, so migrations create objects owned by it.")
    String role;

    /** The options as the facade's overrides; {@code target} is migrate's. */
    Overrides overrides(String target) {
        return new Overrides(environment, url, user, password, paths, manifest, embedded, target, lockWait, lockTimeout,
                connectTimeout, role);
    }
}
