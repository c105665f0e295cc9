package dev.bascule.db;

import dev.bascule.error.BasculeException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * How to reach one PostgreSQL database. The password is held only here and handed to the driver; it is never
 * part of {@link #toString()} or of any error message.
 */
public final class Database {

    private final String url;
    private final String user;
    private final String password;
    private final Duration connectTimeout;

    public Database(String url, String user, String password, Duration connectTimeout) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new BasculeException.Configuration("database url must start with jdbc:postgresql://, got "
                    + (url == null ? "nothing" : "'" + redact(url) + "'"));
        }
        this.url = url;
        this.user = user;
        this.password = password;
        this.connectTimeout = connectTimeout;
    }

    public Database(String url, String user, String password) {
        this(url, user, password, Duration.ofSeconds(10));
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    /** The URL with any password parameter removed, for messages. */
    public String describe() {
        return redact(url) + (user == null ? "" : " as " + user);
    }

    /**
     * Opens a connection with bounded connect/login time, translating the common failures (wrong password,
     * unreachable host, missing database) into configuration errors that say what to do.
     */
    public Connection connect() {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        long seconds = Math.max(1, connectTimeout.toSeconds());
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("loginTimeout", String.valueOf(seconds));
        props.setProperty("ApplicationName", "bascule");
        try {
            return DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw connectionError(e);
        }
    }

    private BasculeException connectionError(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String what = describe();
        String reason = redactSecret(e.getMessage());
        if (state.startsWith("28")) {
            return new BasculeException.Configuration("cannot log in to " + what + ": " + reason
                    + " (SQLSTATE " + state + "): check the user and password (--password, PGPASSWORD, or the environment's"
                    + " password in bascule.yml)", null);
        }
        if (state.equals("3D000")) {
            return new BasculeException.Configuration("database does not exist at " + what + ": " + reason
                    + ": create it first (createdb) or fix the URL", null);
        }
        if (state.startsWith("08")) {
            return new BasculeException.Configuration("cannot reach the database at " + what + " within "
                    + connectTimeout.toSeconds() + " s: " + reason + ": check host, port and that PostgreSQL is running", null);
        }
        return new BasculeException.Configuration("cannot connect to " + what + ": " + reason
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), null);
    }

    private String redactSecret(String message) {
        if (message == null) {
            return "no detail";
        }
        return password == null || password.isEmpty() ? message : message.replace(password, "****");
    }

    /** Removes {@code password=...} from a JDBC URL's parameters and user-info. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1****").replaceAll("//([^/@:]+):[^/@]*@", "//$1:****@");
    }

    @Override
    public String toString() {
        return describe();
    }
}
