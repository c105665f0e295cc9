package dev.bascule.db;

import dev.bascule.error.BasculeException;
import dev.bascule.error.SecretRedactor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * How to reach one PostgreSQL database: a JDBC URL with its login, or an application's {@link DataSource} (see
 * {@link #borrowing}). The password is held only here and handed to the driver; it is never part of
 * {@link #toString()} or of any error message.
 */
public final class Database {

    private final String url;
    private final String user;
    private final String password;
    private final Duration connectTimeout;
    private final PasswordSource passwordSource;
    /** Set for a database reached through an application's pool; then url, user and password are null. */
    private final DataSource dataSource;
    private final String dataSourceName;

    public Database(String url, String user, String password, Duration connectTimeout) {
        this(url, user, password, connectTimeout, null);
    }

    private Database(DataSource dataSource, String name) {
        this.url = null;
        this.user = null;
        this.password = null;
        this.connectTimeout = null;
        this.passwordSource = null;
        this.dataSource = dataSource;
        this.dataSourceName = redact(name);
    }

    /**
     * A database reached through an application's {@link DataSource} (a Spring Boot application's pool, say): each
     * run borrows one connection and hands it back with the session settings and role it was lent with. How long
     * getting a connection may take is the pool's setting.
     *
     * @param name what messages call it, e.g. {@code "the application's DataSource (HikariPool-1)"}
     */
    public static Database borrowing(DataSource dataSource, String name) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource is null");
        }
        return new Database(dataSource, name);
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
        this.dataSource = null;
        this.dataSourceName = null;
    }

    public Database(String url, String user, String password) {
        this(url, user, password, Duration.ofSeconds(10));
    }

    /**
     * The same database, logging in with a password produced for each connection (an RDS IAM token, say)
     * instead of a fixed one.
     */
    public Database withPasswordSource(PasswordSource source) {
        if (dataSource != null) {
            throw new IllegalStateException("a borrowed DataSource logs in by its own configuration");
        }
        return new Database(url, user, null, connectTimeout, source);
    }

    /**
     * The same server and login, on another database of it ({@code trace}'s shadow database, {@code check-reversible}'s
     * and {@code drift --replay}'s throwaway one, the maintenance database {@code postgres}): the URL's database name is replaced, its hosts, port and parameters
     * kept.
     */
    public Database withDatabaseName(String name) {
        if (dataSource != null) {
            throw new IllegalStateException("a borrowed DataSource cannot name another database");
        }
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

    /** The JDBC URL; null for a {@link #borrowing borrowed} DataSource. */
    public String url() {
        return url;
    }

    /** The login user; null for a {@link #borrowing borrowed} DataSource. */
    public String user() {
        return user;
    }

    /** The URL with any password parameter removed, for messages. */
    public String describe() {
        if (dataSource != null) {
            return dataSourceName;
        }
        return redact(url) + (user == null ? "" : " as " + user)
                + (passwordSource == null ? "" : " (" + passwordSource.describe() + ")");
    }

    /**
     * Opens a connection with bounded connect/login time, translating the common failures (wrong password,
     * unreachable host, missing database) into configuration errors that say what to do.
     */
    public Connection connect() {
        if (dataSource != null) {
            return borrow();
        }
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        checkUrl(url);
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

    private Connection borrow() {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new BasculeException.Configuration("cannot get a connection from " + dataSourceName + ": "
                    + e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")
                    + ": check the DataSource's URL, login and that PostgreSQL is running", null);
        }
        try {
            return BorrowedConnection.wrap(connection);
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the first failure is the one to report
            }
            throw new BasculeException.Configuration("cannot read the session settings of a connection from "
                    + dataSourceName + ": " + e.getMessage() + ": is it a PostgreSQL database?", null);
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
        String reason = redactor(generated).redact(e.getMessage() == null ? "no detail" : e.getMessage());
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

    /**
     * Refuses a JDBC URL the driver cannot parse, before the driver sees it: its error would echo the whole URL and
     * its log warnings the text around a bad port, password included. The check parses the URL with every password
     * masked, so whatever the driver logs on the way holds no secret.
     *
     * @throws BasculeException.Configuration naming the URL (masked) and what to fix
     */
    public static void checkUrl(String url) {
        String masked = redact(url);
        String authority = masked.startsWith("jdbc:postgresql://")
                ? masked.substring("jdbc:postgresql://".length()).split("[/?]", 2)[0] : "";
        if (authority.contains("@")) {
            throw new BasculeException.Configuration("database url '" + masked + "' holds user:password@, which the"
                    + " JDBC driver does not read: write jdbc:postgresql://host:port/database and give the user with"
                    + " --user (or user:) and the password with PGPASSWORD, ~/.pgpass or password: ${VAR}; or write the"
                    + " url as postgres:// then user:password@host:port/database", null);
        }
        if (org.postgresql.Driver.parseURL(masked, new Properties()) == null) {
            throw new BasculeException.Configuration("database url '" + masked + "' is not a valid"
                    + " jdbc:postgresql://host:port/database URL (is the port a number from 1 to 65535, the host"
                    + " name or [IPv6 address] well formed, every parameter name=value?): fix the url", null);
        }
    }

    /**
     * Masks every password this database knows of (the given one, the URL's {@code password=} parameters and a
     * generated token) and every URL password by pattern: for driver messages, which may echo the URL.
     */
    public SecretRedactor redactor() {
        return redactor(null);
    }

    private SecretRedactor redactor(String generated) {
        List<String> secrets = new java.util.ArrayList<>(SecretRedactor.passwordParameters(url));
        secrets.add(password);
        secrets.add(generated);
        return SecretRedactor.of(secrets);
    }

    /**
     * Removes {@code password=...} from a URL's parameters and the password of its user-info (all of it, up to the
     * last {@code @}, even when it holds {@code @}, {@code /} or a space).
     */
    public static String redact(String url) {
        return SecretRedactor.of(SecretRedactor.passwordParameters(url)).redact(url);
    }

    @Override
    public String toString() {
        return describe();
    }
}
