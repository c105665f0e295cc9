package dev.bascule.db;

import dev.bascule.error.BasculeException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
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
    private final PasswordSource passwordSource;

    public Database(String url, String user, String password, Duration connectTimeout) {
        this(url, user, password, connectTimeout, null);
    }

    private Database(String url, String user, String password, Duration connectTimeout, PasswordSource passwordSource) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new BasculeException.Configuration("database url must start with jdbc:postgresql://, got "
                    + (url == null ? "nothing" : "'" + redact(url) + "'"));
        }
        this.url = url;
        this.user = user;
        this.password = password;
        this.connectTimeout = connectTimeout;
        this.passwordSource = passwordSource;
    }

    public Database(String url, String user, String password) {
        this(url, user, password, Duration.ofSeconds(10));
    }

    /**
     * The same database, logging in with a password produced for each connection (an RDS IAM token, say)
     * instead of a fixed one.
     */
    public Database withPasswordSource(PasswordSource source) {
        return new Database(url, user, null, connectTimeout, source);
    }

    /**
     * The same server and login, on another database of it ({@code trace}'s shadow database, the maintenance
     * database {@code postgres}): the URL's database name is replaced, its host, port and parameters kept.
     */
    public Database withDatabaseName(String name) {
        String prefix = "jdbc:postgresql:";
        String rest = url.substring(prefix.length());
        int start = 0;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            int query = rest.indexOf('?', 2);
            start = slash < 0 || (query >= 0 && query < slash) ? -1 : slash + 1;
        }
        String encoded = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        String changed;
        if (start < 0) {
            int query = rest.indexOf('?');
            changed = query < 0 ? rest + "/" + encoded : rest.substring(0, query) + "/" + encoded + rest.substring(query);
        } else {
            int end = rest.indexOf('?', start);
            changed = rest.substring(0, start) + encoded + (end < 0 ? "" : rest.substring(end));
        }
        return new Database(prefix + changed, user, password, connectTimeout, passwordSource);
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    /** The URL with any password parameter removed, for messages. */
    public String describe() {
        return redact(url) + (user == null ? "" : " as " + user)
                + (passwordSource == null ? "" : " (" + passwordSource.describe() + ")");
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
        String generated = passwordSource == null ? null : applyPasswordSource(props);
        long seconds = Math.max(1, connectTimeout.toSeconds());
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("loginTimeout", String.valueOf(seconds));
        props.setProperty("ApplicationName", "bascule");
        try {
            return DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw connectionError(e, generated);
        }
    }

    /** Sets the generated password and the SSL mode the source needs; returns the password, for redaction. */
    private String applyPasswordSource(Properties props) {
        Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new BasculeException.Configuration("database url '" + redact(url) + "' is not a valid"
                    + " jdbc:postgresql://host:port/database URL: fix the environment's url", null);
        }
        if (user == null || user.isBlank()) {
            throw new BasculeException.Configuration("logging in to " + describe() + " needs a user: set the"
                    + " environment's user (or --user)", null);
        }
        List<String> modes = passwordSource.requiredSslModes();
        String sslMode = parsed.getProperty("sslmode");
        boolean sslFlag = "true".equalsIgnoreCase(parsed.getProperty("ssl"));
        if (!modes.isEmpty()) {
            if (sslMode == null && !sslFlag) {
                props.setProperty("sslmode", modes.get(0));
            } else if (sslMode != null && !modes.contains(sslMode)) {
                throw new BasculeException.Configuration("logging in to " + describe() + " requires SSL, but the url"
                        + " has sslmode=" + sslMode + ": use sslmode=" + String.join(", ", modes).replace(", ", " or sslmode=")
                        + " in the environment's url", null);
            }
        }
        String host = parsed.getProperty("PGHOST", "localhost").split(",")[0];
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
        String generated;
        try {
            generated = passwordSource.password(host, port, user);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BasculeException.Configuration("cannot log in to " + describe() + ": " + e.getMessage(), null);
        }
        props.setProperty("password", generated);
        return generated;
    }

    private BasculeException connectionError(SQLException e, String generated) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String what = describe();
        String reason = redactSecret(redactSecret(e.getMessage(), password), generated);
        if (state.startsWith("28")) {
            return new BasculeException.Configuration("cannot log in to " + what + ": " + reason
                    + " (SQLSTATE " + state + "): " + (passwordSource != null ? passwordSource.loginHint()
                    : "check the user and password (--password, PGPASSWORD, ~/.pgpass, or the environment's password in"
                    + " bascule.yml)"), null);
        }
        if (passwordSource != null && !passwordSource.requiredSslModes().isEmpty() && reason.contains("SSL")) {
            return new BasculeException.Configuration("cannot open an SSL connection to " + what + ": " + reason
                    + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")") + ": this login sends a token and needs SSL;"
                    + " check that the server accepts SSL and the url's sslmode", null);
        }
        if (reason.contains("no password was provided") || reason.contains("password authentication is required")) {
            return new BasculeException.Configuration("cannot log in to " + what + ": the server asks for a password"
                    + " and none was given: set PGPASSWORD, a ~/.pgpass line, --password, or password: ${VAR} in"
                    + " bascule.yml", null);
        }
        if (reason.contains("does not support SSL")) {
            return new BasculeException.Configuration("cannot connect to " + what + ": the server does not accept SSL"
                    + " and the connection requires it (sslmode): enable SSL on the server, or use sslmode=prefer or"
                    + " disable in the url for a local server", null);
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

    private static String redactSecret(String message, String secret) {
        if (message == null) {
            return "no detail";
        }
        return secret == null || secret.isEmpty() ? message : message.replace(secret, "****");
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
