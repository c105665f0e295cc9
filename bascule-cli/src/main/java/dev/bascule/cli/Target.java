package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.config.ConfigFile;
import dev.bascule.config.ConfigResolver;
import dev.bascule.config.ResolvedEnvironment;
import dev.bascule.error.BasculeException;
import dev.bascule.run.MigrationListener;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The environment a command acts on, resolved from flags, bascule.yml and the process environment; starts the
 * embedded PostgreSQL when nothing names a database.
 */
final class Target implements AutoCloseable {

    private final ResolvedEnvironment environment;
    private final EmbeddedDatabase embedded;
    private final Bascule bascule;

    private Target(ResolvedEnvironment environment, EmbeddedDatabase embedded, Bascule bascule) {
        this.environment = environment;
        this.embedded = embedded;
        this.bascule = bascule;
    }

    /** Resolves configuration only (no database started), for commands that just read files. */
    static ResolvedEnvironment resolve(TargetOptions options, Path workingDir) {
        Optional<ConfigFile> file = configFile(options, workingDir);
        return new ConfigResolver(System::getenv).resolve(file, new ConfigResolver.Overrides(options.environment,
                options.url, options.user, options.password, options.paths, options.manifest, workingDir));
    }

    static Target open(TargetOptions options, Path workingDir, MigrationListener listener, PrintWriter err) {
        ResolvedEnvironment env = resolve(options, workingDir);
        EmbeddedDatabase embedded = null;
        if (env.database().isEmpty()) {
            err.println("bascule: no database configured (--url, DATABASE_URL, PGHOST or bascule.yml): using the embedded"
                    + " PostgreSQL 17 in " + displayPath(workingDir.resolve(".bascule"), workingDir));
            err.flush();
            embedded = EmbeddedDatabase.start(workingDir);
            env = env.withDatabase(embedded.database());
        }
        Bascule bascule = Bascule.configure().environment(env).listener(listener).load();
        return new Target(env, embedded, bascule);
    }

    static Optional<ConfigFile> configFile(TargetOptions options, Path workingDir) {
        if (options.config != null) {
            Path path = workingDir.resolve(options.config);
            if (!Files.isRegularFile(path)) {
                throw new BasculeException.Configuration(options.config + ": configuration file not found");
            }
            return Optional.of(ConfigFile.load(path, System::getenv));
        }
        return ConfigResolver.findConfigFile(workingDir).map(p -> ConfigFile.load(p, System::getenv));
    }

    ResolvedEnvironment environment() {
        return environment;
    }

    Bascule bascule() {
        return bascule;
    }

    /** A path relative to the working directory when it is inside it, for shorter output. */
    static String displayPath(Path path, Path workingDir) {
        Path abs = path.toAbsolutePath().normalize();
        Path wd = workingDir.toAbsolutePath().normalize();
        return abs.startsWith(wd) && !abs.equals(wd) ? wd.relativize(abs).toString() : abs.toString();
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
