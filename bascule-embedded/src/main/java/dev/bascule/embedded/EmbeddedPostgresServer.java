package dev.bascule.embedded;

import dev.bascule.db.Database;
import dev.bascule.db.EmbeddedServer;
import dev.bascule.error.BasculeException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An embedded PostgreSQL 17 whose data lives in {@code HOME/pg17} and survives between runs: the quick start
 * ({@code bascule demo}) and an explicit {@code --embedded}. Started for one command and stopped when it ends.
 */
public final class EmbeddedPostgresServer implements EmbeddedServer {

    static final String DATABASE = "postgres";
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Database database;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.database = new Database(postgres.getJdbcUrl(USER, DATABASE), USER, null);
    }

    /** Found with {@link java.util.ServiceLoader}. */
    public static final class Provider implements EmbeddedServer.Provider {
        @Override
        public EmbeddedServer start(Path home) {
            return EmbeddedPostgresServer.start(home);
        }
    }

    static EmbeddedPostgresServer start(Path home) {
        Path data = home.resolve("pg17");
        Path binaries = home.resolve("bin");
        try {
            Files.createDirectories(binaries);
            Path log = home.resolve("postgres.log");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new EmbeddedPostgresServer(pg);
        } catch (IOException | RuntimeException e) {
            throw new BasculeException.Configuration("could not start the embedded PostgreSQL in " + data + ": " + e.getMessage()
                    + " (see " + home.resolve("postgres.log") + "; delete " + data + " to start from an empty database)", e);
        }
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            // The server stops with the JVM anyway (shutdown hook); nothing to recover here.
        }
    }
}
