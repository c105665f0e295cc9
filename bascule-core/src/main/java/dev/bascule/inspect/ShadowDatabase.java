package dev.bascule.inspect;

import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.run.MigrationListener;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A throwaway database ({@code bascule_shadow_<random>}) on the server of the environment's database, for
 * {@code check-reversible} and {@code drift --replay}. It is dropped by {@link #close()}, and, should the JVM be
 * stopped first (Ctrl-C), by a shutdown hook that gives up after {@link #HOOK_LIMIT}: stopping never hangs on it.
 */
public final class ShadowDatabase implements AutoCloseable {

    static final String PREFIX = "bascule_shadow_";
    /** How long the shutdown hook may try to drop the database before the JVM goes on exiting. */
    static final Duration HOOK_LIMIT = Duration.ofSeconds(15);
    /** CREATE DATABASE copies template1 and fails while another session is connected to it: tried this often. */
    private static final int CREATE_ATTEMPTS = 5;
    private static final Duration STATEMENT_LIMIT = Duration.ofSeconds(60);

    private final Database server;
    private final String name;
    private final Database database;
    private final MigrationListener listener;
    private final Thread hook;
    private boolean dropped;

    private ShadowDatabase(Database server, String name, MigrationListener listener) {
        this.server = server;
        this.name = name;
        this.database = server.withDatabaseName(name);
        this.listener = listener;
        this.hook = new Thread(this::dropFromHook, "bascule-drop-" + name);
    }

    /**
     * Creates a shadow database on {@code server}'s server, connecting to {@code server}'s database to do so.
     *
     * @throws BasculeException.Configuration when the login may not create databases, saying which privilege is needed
     */
    public static ShadowDatabase create(Database server, MigrationListener listener) {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        ShadowDatabase shadow = new ShadowDatabase(server, PREFIX + HexFormat.of().formatHex(random), listener);
        shadow.createDatabase();
        Runtime.getRuntime().addShutdownHook(shadow.hook);
        return shadow;
    }

    /** The shadow database, logging in as the environment's database does. */
    public Database database() {
        return database;
    }

    public String name() {
        return name;
    }

    /** Its URL (with the name) and login, for messages. */
    public String describe() {
        return database.describe();
    }

    private void createDatabase() {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = " + STATEMENT_LIMIT.toMillis());
            for (int attempt = 1; ; attempt++) {
                try {
                    statement.execute("CREATE DATABASE " + name);
                    return;
                } catch (SQLException e) {
                    // 55006: the template is in use by another session; it is usually a matter of a moment.
                    if (!"55006".equals(e.getSQLState()) || attempt == CREATE_ATTEMPTS) {
                        throw e;
                    }
                    Thread.sleep(200L * attempt);
                }
            }
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new BasculeException.Configuration("cannot create the throwaway database " + name + " on "
                        + server.describe() + ": the login " + (server.user() == null ? "" : "'" + server.user() + "' ")
                        + "may not create databases. check-reversible and drift --replay run the migrations on a"
                        + " database of their own, which needs the CREATEDB privilege (ALTER ROLE "
                        + (server.user() == null ? "<user>" : quote(server.user())) + " CREATEDB), or point them at"
                        + " another server with --url, or use --embedded (an embedded PostgreSQL 17)");
            }
            throw new BasculeException.Configuration("cannot create the throwaway database " + name + " on "
                    + server.describe() + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BasculeException.Configuration("interrupted while creating the throwaway database " + name, e);
        }
    }

    /** Drops the database (terminating sessions still connected to it) and removes the shutdown hook. */
    @Override
    public synchronized void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs (or ran) the drop.
            return;
        }
        drop();
    }

    private synchronized void drop() {
        if (dropped) {
            return;
        }
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = " + STATEMENT_LIMIT.toMillis());
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            dropped = true;
        } catch (SQLException | BasculeException e) {
            listener.warning(Problem.of(name, "could not drop the throwaway database on " + server.describe() + ": "
                    + e.getMessage() + "; drop it by hand: DROP DATABASE " + name));
        }
    }

    /** The shutdown hook: the drop on a daemon thread, waited for at most {@link #HOOK_LIMIT}. */
    private void dropFromHook() {
        Thread worker = new Thread(this::drop, "bascule-drop-worker-" + name);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(HOOK_LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
