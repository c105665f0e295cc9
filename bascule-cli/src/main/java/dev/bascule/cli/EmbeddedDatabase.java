package dev.bascule.cli;

import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The zero-setup default: an embedded PostgreSQL 17 whose data lives in {@code .bascule/pg17} under the working
 * directory and survives between runs. Started for one command and stopped when it ends.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "postgres";
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Database database;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.database = new Database(postgres.getJdbcUrl(USER, DATABASE), USER, null);
    }

    static EmbeddedDatabase start(Path workingDir) {
        Path home = workingDir.resolve(".bascule");
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
            return new EmbeddedDatabase(pg);
        } catch (IOException | RuntimeException e) {
            throw new BasculeException.Configuration("could not start the embedded PostgreSQL in " + data + ": " + e.getMessage()
                    + " (see " + home.resolve("postgres.log") + "; delete " + data + " to start from an empty database)", e);
        }
    }

    Database database() {
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
