package dev.bascule.cli;

import dev.bascule.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.bascule.testing.PostgresBinaries;
import dev.bascule.testing.PostgresMajor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An embedded PostgreSQL (any major of the test matrix) of a test's own (never the shared test server), which the test can crash with an
 * immediate shutdown ({@code SIGQUIT} to the postmaster, what {@code pg_ctl stop -m immediate} sends: no checkpoint,
 * every session cut off, crash recovery on the next start) and start again on the same data and port.
 */
final class CrashableServer implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final PostgresMajor major;
    private EmbeddedPostgres postgres;

    private CrashableServer(Path dataDir, int port, PostgresMajor major) {
        this.dataDir = dataDir;
        this.port = port;
        this.major = major;
    }

    /** A server of {@code major}, from the test matrix's binaries (see {@link PostgresBinaries}). */
    static CrashableServer start(Path dataDir, PostgresMajor major) {
        CrashableServer server = new CrashableServer(dataDir, freePort(), major);
        server.startAgain();
        return server;
    }

    /** Starts the server on its data directory (after a crash: with crash recovery). */
    void startAgain() {
        try {
            postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                    .setPgBinaryResolver(PostgresBinaries.locate().resolver(major))
                    .setServerConfig("max_connections", "40")
                    // zonky turns synchronous_commit off for speed: a crash would then lose commits the runner saw
                    // succeed, which is not what is under test. (fsync stays off: only the server crashes, not the OS.)
                    .setServerConfig("synchronous_commit", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
        }
    }

    /** Immediate shutdown: SIGQUIT to the postmaster; returns once it has exited. */
    void crash() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
            Process kill = new ProcessBuilder(List.of("kill", "-QUIT", String.valueOf(pid))).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -QUIT " + pid + " failed");
            }
            ProcessHandle postmaster = ProcessHandle.of(pid).orElse(null);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (postmaster != null && postmaster.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            postgres.close(); // pg_ctl stop finds nothing to stop; releases zonky's lock on the data directory
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Database database(String database) {
        return new Database(url(database), "postgres", null, Duration.ofSeconds(5));
    }

    void execute(String database, String sql) {
        try (Connection c = database(database).connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
