package dev.bascule.db;

import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;

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
import java.util.function.Consumer;

/**
 * A throwaway database ({@code bascule_shadow_<random>}) on the server of a given database, for the commands that
 * work on a database of their own ({@code check-reversible}, {@code drift --replay}: {@link #empty empty};
 * {@code trace}: a {@link #copyOf copy} of the target where PostgreSQL allows it). It is dropped by {@link #close()},
 * and, should the JVM be stopped first (Ctrl-C), by a shutdown hook; each drop waits at most {@link #DROP_LIMIT}, so
 * stopping never hangs on it ({@code DROP DATABASE ... WITH (FORCE)} ends sessions still on it, PostgreSQL 13+).
 */
public final class ThrowawayDatabase implements AutoCloseable {

    public static final String PREFIX = "bascule_shadow_";
    /** How long dropping the database may take, on close and in the shutdown hook. */
    public static final Duration DROP_LIMIT = Duration.ofSeconds(15);
    /** Creating an empty database copies template1: quick, unless something holds a lock on the catalog. */
    private static final Duration CREATE_LIMIT = Duration.ofSeconds(60);
    /** A template copy takes time in proportion to the target's size. */
    private static final Duration COPY_LIMIT = Duration.ofMinutes(10);
    /** CREATE DATABASE copies template1 and fails while another session is connected to it: tried this often. */
    private static final int CREATE_ATTEMPTS = 5;

    private final String command;
    private final Database maintenance;
    private final String name;
    private final Database database;
    private final Consumer<Problem> warnings;
    private final Thread hook;
    private boolean dropped;

    private ThrowawayDatabase(String command, Database maintenance, String name, Database database,
                              Consumer<Problem> warnings) {
        this.command = command;
        this.maintenance = maintenance;
        this.name = name;
        this.database = database;
        this.warnings = warnings;
        this.hook = new Thread(this::dropWithinLimit, "bascule-drop-" + name);
    }

    /** A throwaway database made as a copy of the target, or empty when PostgreSQL refused the copy (and why). */
    public record Copy(ThrowawayDatabase database, Optional<String> whyNotACopy) {
    }

    /**
     * Creates an empty throwaway database on {@code server}'s server, connecting to {@code server}'s database to do so.
     *
     * @param command    the command it is for, named in messages ({@code check-reversible}, ...)
     * @param warnings   where a failed drop is reported, with what to run by hand
     * @throws BasculeException.Configuration when the login may not create databases, saying which privilege is needed
     */
    public static ThrowawayDatabase empty(Database server, String command, Consumer<Problem> warnings) {
        return create(server, server, null, command, warnings).database();
    }

    /**
     * Creates a copy of the database {@code target} ({@code CREATE DATABASE ... TEMPLATE}) when PostgreSQL allows it,
     * else an empty one, with the reason. It is sent from the maintenance database ({@code postgres}, else
     * {@code template1}): a copy needs the target free of sessions, ours included.
     *
     * @throws BasculeException.Configuration when no database can be created at all (no CREATEDB privilege, ...)
     */
    public static Copy copyOf(Database server, String target, String command, Consumer<Problem> warnings) {
        return create(server, maintenanceDatabase(server), target, command, warnings);
    }

    private static Copy create(Database server, Database maintenance, String template, String command,
                               Consumer<Problem> warnings) {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String name = PREFIX + HexFormat.of().formatHex(random);
        try (Connection c = maintenance.connect(); Statement st = c.createStatement()) {
            Optional<String> whyNotACopy = Optional.empty();
            if (template != null) {
                st.execute("SET statement_timeout = " + COPY_LIMIT.toMillis());
                try {
                    st.execute("CREATE DATABASE " + quote(name) + " TEMPLATE " + quote(template));
                } catch (SQLException e) {
                    whyNotACopy = Optional.of(whyNotACopy(c, template, e));
                }
            }
            if (template == null || whyNotACopy.isPresent()) {
                st.execute("SET statement_timeout = " + CREATE_LIMIT.toMillis());
                createEmpty(st, name);
            }
            ThrowawayDatabase created = new ThrowawayDatabase(command, maintenance, name, server.withDatabaseName(name),
                    warnings);
            Runtime.getRuntime().addShutdownHook(created.hook);
            return new Copy(created, whyNotACopy);
        } catch (SQLException e) {
            throw cannotCreate(command, name, server, template != null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BasculeException.Configuration(command + ": interrupted while creating the shadow database " + name, e);
        }
    }

    private static void createEmpty(Statement st, String name) throws SQLException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                st.execute("CREATE DATABASE " + quote(name));
                return;
            } catch (SQLException e) {
                // 55006: template1 is in use by another session; it is usually a matter of a moment.
                if (!"55006".equals(e.getSQLState()) || attempt == CREATE_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(200L * attempt);
            }
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

    /**
     * The one message for a database that cannot be created, naming the command. A copy must stay on the target's
     * server; an empty database may be made on another server or an embedded one instead.
     */
    private static BasculeException cannotCreate(String command, String name, Database server, boolean copy,
                                                 SQLException e) {
        String prefix = command + ": cannot create the shadow database " + name + " on " + server.describe() + ": ";
        if (!"42501".equals(e.getSQLState())) {
            return new BasculeException.Configuration(prefix + e.getMessage() + " (SQLSTATE " + e.getSQLState()
                    + "); check the server and the login's privileges", e);
        }
        String user = server.user();
        return new BasculeException.Configuration(prefix + "the login " + (user == null ? "" : "'" + user + "' ")
                + "may not create databases. " + command + " works on a throwaway database of its own, which needs the"
                + " CREATEDB privilege (ALTER ROLE " + (user == null ? "<user>" : quote(user)) + " CREATEDB); or run it"
                + " as a login that has it" + (copy ? "" : ", point it at another server with --url, or use --embedded"
                + " (an embedded PostgreSQL 17)"));
    }

    /** The throwaway database, logging in as the given database does. */
    public Database database() {
        return database;
    }

    public String name() {
        return name;
    }

    /** The database CREATE and DROP DATABASE are sent from. */
    public Database maintenance() {
        return maintenance;
    }

    /** Its URL (with the name) and login, for messages. */
    public String describe() {
        return database.describe();
    }

    /**
     * Drops the database (ending sessions still connected to it), then removes the shutdown hook; a drop that fails
     * is reported to the warnings with what to run by hand.
     */
    @Override
    public void close() {
        drop().ifPresent(problem -> warnings.accept(Problem.of(name, problem)));
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting: the hook runs anyway and finds the database dropped.
        }
    }

    /** Drops the database; empty when done (or done before), else what to run by hand. */
    private synchronized Optional<String> drop() {
        if (dropped) {
            return Optional.empty();
        }
        try (Connection c = maintenance.connect(); Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = " + DROP_LIMIT.toMillis() + "; SET lock_timeout = " + DROP_LIMIT.toMillis());
            st.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
            dropped = true;
            return Optional.empty();
        } catch (SQLException | BasculeException e) {
            return Optional.of(command + ": could not drop the throwaway database on " + maintenance.describe() + " ("
                    + e.getMessage() + "): drop it by hand with DROP DATABASE " + quote(name) + " WITH (FORCE)");
        }
    }

    /**
     * The shutdown hook: the drop on a daemon thread, never holding up the JVM's exit much longer than
     * {@link #DROP_LIMIT}. It reports to standard error: at exit, the listener's output may already be gone.
     */
    private void dropWithinLimit() {
        Thread dropper = new Thread(() -> drop().ifPresent(System.err::println), "bascule-dropper-" + name);
        dropper.setDaemon(true);
        dropper.start();
        try {
            dropper.join(DROP_LIMIT.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dropper.isAlive()) {
            System.err.println(command + ": the throwaway database " + name + " was not dropped within "
                    + DROP_LIMIT.toSeconds() + " s: drop it with DROP DATABASE " + quote(name) + " WITH (FORCE)");
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
