package dev.bascule.testing;

import dev.bascule.db.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One PostgreSQL server of Debian's binaries, in a directory of its own, on a free port of 127.0.0.1, as a child
 * process of the test JVM. The superuser {@code postgres} logs in without a password (trust), replication included.
 * {@link #close()} stops it with a fast shutdown; a JVM shutdown hook kills it should the test JVM exit first.
 */
public final class LocalPostgresServer implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(120);

    private final DebianPostgres postgres;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final Process process;
    private final Thread killer;

    private LocalPostgresServer(DebianPostgres postgres, Path dataDir, Path log, int port, Process process) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
        this.process = process;
        this.killer = new Thread(this::kill, "kill postgres " + dataDir);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** A new cluster (initdb) in {@code dataDir}, started with {@code settings} added to postgresql.conf. */
    public static LocalPostgresServer primary(DebianPostgres postgres, Path dataDir, List<String> settings) {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        run(postgres, log, "initdb", List.of("-D", dataDir.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--locale=C", "--no-sync"));
        int port = freePort();
        List<String> conf = new ArrayList<>(common(port));
        conf.addAll(settings);
        appendConf(dataDir, conf);
        return start(postgres, dataDir, log, port);
    }

    /**
     * A streaming standby of {@code primary}: {@code pg_basebackup -R} (which writes primary_conninfo and
     * standby.signal) into {@code dataDir}, started with {@code cluster_name = name}, which the standby's WAL receiver
     * uses as its application_name, so the primary's {@code pg_stat_replication} shows the name.
     */
    public static LocalPostgresServer standbyOf(LocalPostgresServer primary, Path dataDir, String name, List<String> settings) {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        run(primary.postgres, log, "pg_basebackup", List.of("-h", "127.0.0.1", "-p", String.valueOf(primary.port),
                "-U", "postgres", "-D", dataDir.toString(), "-R", "-X", "stream", "-c", "fast", "--no-sync"));
        int port = freePort();
        List<String> conf = new ArrayList<>(common(port));
        conf.add("cluster_name = '" + name + "'");
        conf.addAll(settings);
        appendConf(dataDir, conf);
        return start(primary.postgres, dataDir, log, port);
    }

    public int port() {
        return port;
    }

    public Database database() {
        return new Database("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", null, Duration.ofSeconds(5));
    }

    public Connection connect() {
        return database().connect();
    }

    /** The server's log so far, last lines first trimmed to {@code lines}: for failure messages. */
    public String logTail(int lines) {
        return tail(log, lines);
    }

    /** Fast shutdown through pg_ctl; the process is killed if it has not ended after the limit. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                run(postgres, log, "pg_ctl", List.of("stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "30"));
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        } catch (RuntimeException e) {
            kill();
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it kills the server anyway
            }
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static List<String> common(int port) {
        return List.of("listen_addresses = '127.0.0.1'", "port = " + port, "unix_socket_directories = ''",
                "fsync = off", "shared_buffers = 32MB", "max_connections = 40", "max_wal_senders = 5",
                "wal_receiver_status_interval = 1s", "logging_collector = off");
    }

    private static LocalPostgresServer start(DebianPostgres postgres, Path dataDir, Path log, int port) {
        Process process;
        try {
            process = postgres.command("postgres", List.of("-D", dataDir.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start postgres in " + dataDir, e);
        }
        LocalPostgresServer server = new LocalPostgresServer(postgres, dataDir, log, port, process);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                server.close();
                throw new IllegalStateException("postgres in " + dataDir + " exited with " + process.exitValue() + ":\n"
                        + tail(log, 20));
            }
            try (Connection c = server.connect()) {
                if (c.isValid(5)) {
                    return server;
                }
            } catch (SQLException e) {
                last = e;
            } catch (RuntimeException e) { // Database reports an unreachable server as a configuration error
                last = e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
            }
            sleep(100);
        }
        server.close();
        throw new IllegalStateException("postgres in " + dataDir + " did not accept connections within "
                + START_LIMIT.toSeconds() + " s (" + (last == null ? "" : last.getMessage()) + "):\n" + tail(log, 20));
    }

    private static void run(DebianPostgres postgres, Path log, String program, List<String> arguments) {
        try {
            Process p = postgres.command(program, arguments).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within " + COMMAND_LIMIT.toSeconds() + " s:\n"
                        + tail(log, 20));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(program + " " + String.join(" ", arguments) + " failed with exit code "
                        + p.exitValue() + ":\n" + tail(log, 20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + program, e);
        }
    }

    private static void appendConf(Path dataDir, List<String> lines) {
        try {
            Files.writeString(dataDir.resolve("postgresql.conf"), "\n# bascule test settings\n" + String.join("\n", lines)
                    + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure " + dataDir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
