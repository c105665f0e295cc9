package dev.bascule.trace;

import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The throw-away database {@code trace} works on, on the target's server, named {@code bascule_shadow_<random>}.
 * Created as a copy of the target ({@code CREATE DATABASE ... TEMPLATE}) where PostgreSQL allows it, else empty; it is
 * dropped by {@link #discard()}, and by a JVM shutdown hook if the process is stopped first (Ctrl-C), each time with a
 * bounded wait ({@code DROP DATABASE ... WITH (FORCE)} ends the tracer's own sessions, PostgreSQL 13+).
 */
final class ShadowDatabase {

    /** How long dropping the shadow database may take, on close and in the shutdown hook. */
    static final Duration DROP_LIMIT = Duration.ofSeconds(15);

    private final Database maintenance;
    private final String name;
    private final Database database;
    private final Thread hook;
    private boolean dropped;

    private ShadowDatabase(Database maintenance, String name, Database database) {
        this.maintenance = maintenance;
        this.name = name;
        this.database = database;
        this.hook = new Thread(this::dropWithinLimit, "bascule-trace-drop-" + name);
    }

    /** Why the template copy was refused, when it was. */
    record Refusal(String reason) {
    }

    /** The result of trying: a copy of the target, or an empty database and why it is not a copy. */
    record Created(ShadowDatabase shadow, Optional<Refusal> notACopy) {
    }

    /**
     * Creates the shadow database: a copy of {@code target} when PostgreSQL allows it, else an empty one (with the
     * reason). The connection to the maintenance database is the only one the tracer holds while copying: a copy
     * needs the target free of sessions, its own included.
     *
     * @throws BasculeException.Configuration when no database can be created at all (no CREATEDB privilege, ...)
     */
    static Created create(Database server, String target) {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String name = "bascule_shadow_" + HexFormat.of().formatHex(random);
        Database maintenance = maintenanceDatabase(server);
        try (Connection c = maintenance.connect(); Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = '" + Duration.ofMinutes(10).toMillis() + "ms'");
            Optional<Refusal> refusal = Optional.empty();
            try {
                st.execute("CREATE DATABASE " + quote(name) + " TEMPLATE " + quote(target));
            } catch (SQLException e) {
                refusal = Optional.of(new Refusal(whyNotACopy(c, target, e)));
                try {
                    st.execute("CREATE DATABASE " + quote(name));
                } catch (SQLException again) {
                    throw cannotCreate(name, server, again);
                }
            }
            ShadowDatabase shadow = new ShadowDatabase(maintenance, name, server.withDatabaseName(name));
            Runtime.getRuntime().addShutdownHook(shadow.hook);
            return new Created(shadow, refusal);
        } catch (SQLException e) {
            throw cannotCreate(name, server, e);
        }
    }

    /** {@code postgres}, where CREATE and DROP DATABASE are sent from (falls back to {@code template1}). */
    private static Database maintenanceDatabase(Database server) {
        Database postgres = server.withDatabaseName("postgres");
        try (Connection ignored = postgres.connect()) {
            return postgres;
        } catch (BasculeException | SQLException e) {
            return server.withDatabaseName("template1");
        }
    }

    /**
     * Says exactly why the copy was refused: the sessions connected to the target (from {@code pg_stat_activity}),
     * or the privilege missing.
     */
    private static String whyNotACopy(Connection c, String target, SQLException e) throws SQLException {
        if ("55006".equals(e.getSQLState())) {
            List<String> sessions = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT pid, usename, application_name, state, backend_type"
                    + " FROM pg_catalog.pg_stat_activity WHERE datname = ? AND pid <> pg_catalog.pg_backend_pid() ORDER BY pid")) {
                st.setString(1, target);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String app = rs.getString(3);
                        sessions.add(rs.getInt(1) + " (" + (rs.getString(2) == null ? rs.getString(5) : rs.getString(2))
                                + (app == null || app.isEmpty() ? "" : ", application_name=" + app)
                                + (rs.getString(4) == null ? "" : ", " + rs.getString(4)) + ")");
                    }
                }
            }
            if (sessions.isEmpty()) {
                return "other sessions were connected to " + target + " (" + e.getMessage() + ") and have left since";
            }
            return sessions.size() + " other session(s) are connected to " + target + ": pid " + String.join(", pid ", sessions)
                    + "; a template copy needs none";
        }
        if ("42501".equals(e.getSQLState())) {
            return "the login may not copy " + target + " (" + e.getMessage() + "): only its owner or a superuser can use"
                    + " it as a template";
        }
        return "PostgreSQL refused the copy: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")";
    }

    private static BasculeException cannotCreate(String name, Database server, SQLException e) {
        String advice = "42501".equals(e.getSQLState())
                ? ": trace works on a shadow database it creates and drops; give the login user CREATEDB (ALTER ROLE ... CREATEDB)"
                + " or run trace as a user that has it"
                : ": check the server and the login's privileges";
        return new BasculeException.Configuration("trace: cannot create the shadow database " + name + " on "
                + server.describe() + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")" + advice, null);
    }

    String name() {
        return name;
    }

    /** The database CREATE and DROP DATABASE are sent from. */
    Database maintenance() {
        return maintenance;
    }

    /** The shadow database, with the target's login. */
    Database database() {
        return database;
    }

    /**
     * Drops the shadow database (ending any session still on it) and removes the shutdown hook; empty when done, else
     * what to run by hand.
     */
    synchronized Optional<String> drop() {
        if (dropped) {
            return Optional.empty();
        }
        try (Connection c = maintenance.connect(); Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = '" + DROP_LIMIT.toMillis() + "ms'; SET lock_timeout = '" + DROP_LIMIT.toMillis() + "ms'");
            st.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
            dropped = true;
            return Optional.empty();
        } catch (SQLException | BasculeException e) {
            return Optional.of("the shadow database " + name + " could not be dropped (" + e.getMessage() + "): drop it"
                    + " with DROP DATABASE " + quote(name) + " WITH (FORCE)");
        }
    }

    /** The shutdown hook's work: drop, but never hold up the JVM's exit longer than {@link #DROP_LIMIT}. */
    private void dropWithinLimit() {
        Thread dropper = new Thread(() -> drop().ifPresent(System.err::println), "bascule-trace-dropper");
        dropper.setDaemon(true);
        dropper.start();
        try {
            dropper.join(DROP_LIMIT.toMillis() + TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dropper.isAlive()) {
            System.err.println("bascule trace: the shadow database " + name + " was not dropped within "
                    + DROP_LIMIT.toSeconds() + " s: drop it with DROP DATABASE " + quote(name) + " WITH (FORCE)");
        }
    }

    /**
     * Drops it now and removes the shutdown hook, no longer needed; empty when dropped, else what to run by hand.
     */
    Optional<String> discard() {
        Optional<String> problem = drop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting: the hook runs anyway and finds the database dropped.
        }
        return problem;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
