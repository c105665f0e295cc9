package dev.bascule.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A primary and one streaming standby of Debian's PostgreSQL 15, in a temporary directory, for tests of what a
 * migration does to replicas. {@link #close()} stops both and deletes their files; a failed start stops whatever it
 * had started.
 *
 * <pre>{@code
 * try (StreamingReplication replication = StreamingReplication.start(DebianPostgres.assumeAvailable())) { ... }
 * }</pre>
 */
public final class StreamingReplication implements AutoCloseable {

    /** The standby's name in the primary's {@code pg_stat_replication.application_name}. */
    public static final String STANDBY_NAME = "standby1";

    private static final Duration STREAMING_LIMIT = Duration.ofSeconds(60);

    private final Path root;
    private LocalPostgresServer primary;
    private LocalPostgresServer standby;

    private StreamingReplication(Path root) {
        this.root = root;
    }

    /** Starts the primary, takes a base backup, starts the standby and waits until it streams. */
    public static StreamingReplication start(DebianPostgres postgres) {
        Path root;
        try {
            root = Files.createTempDirectory("bascule-replication");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StreamingReplication replication = new StreamingReplication(root);
        try {
            postgres.prepareDirectory(root);
            replication.primary = LocalPostgresServer.primary(postgres, root.resolve("primary"), List.of());
            replication.standby = LocalPostgresServer.standbyOf(replication.primary, root.resolve("standby"), STANDBY_NAME,
                    List.of("hot_standby = on"));
            replication.awaitStreaming();
            System.out.println("streaming replication: primary on port " + replication.primary.port() + ", "
                    + STANDBY_NAME + " on port " + replication.standby.port() + ", in " + root
                    + (postgres.runAs().isEmpty() ? "" : ", run through " + String.join(" ", postgres.runAs())));
            return replication;
        } catch (RuntimeException | Error e) {
            try {
                replication.close();
            } catch (RuntimeException second) {
                e.addSuppressed(second);
            }
            throw e;
        }
    }

    public LocalPostgresServer primary() {
        return primary;
    }

    public LocalPostgresServer standby() {
        return standby;
    }

    /** Stops the standby, then the primary (each even when the other fails), then deletes their directories. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (LocalPostgresServer server : new LocalPostgresServer[] {standby, primary}) {
            if (server == null) {
                continue;
            }
            try {
                server.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        deleteTree(root);
        if (failure != null) {
            throw failure;
        }
    }

    private void awaitStreaming() {
        long deadline = System.nanoTime() + STREAMING_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = primary.connect(); PreparedStatement st = c.prepareStatement(
                    "SELECT 1 FROM pg_stat_replication WHERE application_name = ? AND state = 'streaming'")) {
                st.setString(1, STANDBY_NAME);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read pg_stat_replication on the primary: " + e.getMessage(), e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the standby", e);
            }
        }
        throw new IllegalStateException("the standby did not stream within " + STREAMING_LIMIT.toSeconds() + " s:\n"
                + standby.logTail(20));
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
