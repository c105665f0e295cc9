package dev.bascule.cli;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Options every command that touches a database shares: which environment, database, paths and manifest. */
public final class TargetOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ./bascule.yml when present).")
    String config;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME", description = "Environment of bascule.yml to use.")
    String environment;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "Database URL, jdbc:postgresql://host:port/db.")
    String url;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Database user.")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            description = "Database password (prefer PGPASSWORD or ${VAR} in bascule.yml; without a value it is asked for).")
    String password;

    @Option(names = {"-p", "--path"}, paramLabel = "PATH", description = "Migration location (folder, file:// or s3://); repeatable, first wins.")
    List<String> paths = new ArrayList<>();

    @Option(names = {"-m", "--manifest"}, paramLabel = "FILE", description = "Manifest listing the migrations to run.")
    String manifest;
}
