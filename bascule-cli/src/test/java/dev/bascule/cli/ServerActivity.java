package dev.bascule.cli;

import dev.bascule.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Finds the moment a runner reaches a point of a test, by polling {@code pg_stat_activity} for the statement carrying
 * a marker (a comment in the migration), rather than sleeping a fixed time and hoping.
 */
final class ServerActivity {

    private ServerActivity() {
    }

    /** The pid of the backend running a statement containing {@code marker}, once it runs; fails after {@code limit}. */
    static int awaitStatement(Database database, String marker, Duration limit, CliProcess runner) {
        return await(database, marker, true, limit, runner);
    }

    /**
     * The pid of a session whose latest statement contains {@code marker}, running or done (a poll that takes a
     * millisecond is seldom caught running). Not by application name: the runner's RESET ALL before each migration
     * clears it.
     */
    static int awaitSession(Database database, String marker, Duration limit, CliProcess runner) {
        return await(database, marker, false, limit, runner);
    }

    private static int await(Database database, String marker, boolean active, Duration limit, CliProcess runner) {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Connection c = database.connect();
             PreparedStatement ps = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE (state = 'active' OR NOT ?)"
                     + " AND pid <> pg_backend_pid() AND query LIKE '%' || ? || '%'"
                     + " AND query NOT LIKE '%pg_stat_activity%'")) {
            ps.setBoolean(1, active);
            ps.setString(2, marker);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
                if (runner != null && !runner.process().isAlive()) {
                    throw new AssertionError("the runner ended before reaching '" + marker + "':\n" + runner.output());
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no statement with '" + marker + "' ran within " + limit.toSeconds() + " s"
                + (runner == null ? "" : ":\n" + runner.output()));
    }

    /** Whether backend {@code pid} still exists. */
    static boolean alive(Database database, int pid) {
        try (Connection c = database.connect();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until backend {@code pid} has ended (the session of a killed client finishes its statement first). */
    static void awaitEnd(Database database, int pid, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (alive(database, pid)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("backend " + pid + " still runs after " + limit.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

}
