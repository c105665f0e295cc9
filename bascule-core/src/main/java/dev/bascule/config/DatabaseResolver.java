package dev.bascule.config;

import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which database an environment names, highest first: flags, the environment of {@code bascule.yml}, then
 * {@code DATABASE_URL}, then the libpq variables ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER},
 * {@code PGPASSWORD}, {@code PGSSLMODE}). URLs are {@code jdbc:postgresql://...} or {@code postgres://user:pass@host/db}
 * wherever they are given.
 */
final class DatabaseResolver {

    private final Function<String, String> env;

    DatabaseResolver(Function<String, String> env) {
        this.env = env;
    }

    /** Empty when nothing names a database. */
    Optional<Database> resolve(String flagUrl, String flagUser, String flagPassword, EnvironmentSection c,
                               Duration connectTimeout) {
        String url = first(flagUrl, c.url());
        String user = first(flagUser, c.user());
        String password = first(flagPassword, c.password());
        if (url != null && !url.startsWith("jdbc:")) {
            ParsedUrl parsed = parse(url, flagUrl != null ? "--url" : "url");
            url = parsed.jdbcUrl();
            user = first(user, parsed.user());
            password = first(password, parsed.password());
        }
        String databaseUrl = env.apply("DATABASE_URL");
        if (url == null && databaseUrl != null && !databaseUrl.isBlank()) {
            ParsedUrl parsed = parse(databaseUrl, "DATABASE_URL");
            url = parsed.jdbcUrl();
            user = first(user, parsed.user());
            password = first(password, parsed.password());
        }
        if (url == null && (env.apply("PGHOST") != null || env.apply("PGDATABASE") != null)) {
            url = fromLibpqVariables();
        }
        if (url == null) {
            return Optional.empty();
        }
        user = first(user, env.apply("PGUSER"));
        password = first(password, env.apply("PGPASSWORD"));
        if (password == null) {
            password = passwordFile(url, user).orElse(null);
        }
        return Optional.of(new Database(url, user, password, connectTimeout));
    }

    /** The password {@code ~/.pgpass} holds for this URL's host, port, database and user, as libpq would find it. */
    private Optional<String> passwordFile(String url, String user) {
        // No password file (the usual case): skip parsing the URL, which loads and initialises the whole driver here,
        // on the critical path, instead of on the thread that connects.
        if (PgPass.existing(env).isEmpty()) {
            return Optional.empty();
        }
        // Parsed with its passwords masked: the driver logs the text around a bad port, and this runs for every
        // command, before Database.checkUrl explains a bad URL to the commands that connect.
        java.util.Properties parsed = org.postgresql.Driver.parseURL(Database.redact(url), new java.util.Properties());
        if (parsed == null) {
            return Optional.empty();
        }
        String login = user != null ? user : parsed.getProperty("user", System.getProperty("user.name"));
        return PgPass.lookup(env, parsed.getProperty("PGHOST", "localhost").split(",")[0],
                parsed.getProperty("PGPORT", "5432").split(",")[0], parsed.getProperty("PGDBNAME", ""), login);
    }

    private String fromLibpqVariables() {
        String host = Optional.ofNullable(env.apply("PGHOST")).orElse("localhost");
        if (host.startsWith("/")) {
            // libpq reads a leading slash as a Unix-socket folder; the JDBC driver speaks TCP only.
            throw new BasculeException.Configuration("PGHOST=" + host + " is a Unix-socket folder (libpq's way to reach"
                    + " a local server); Bascule connects over TCP: set PGHOST=localhost (or the server's host name),"
                    + " or pass --url jdbc:postgresql://localhost:5432/DB");
        }
        String port = Optional.ofNullable(env.apply("PGPORT")).orElse("5432");
        String pgUser = Optional.ofNullable(env.apply("PGUSER")).orElse(System.getProperty("user.name"));
        String db = Optional.ofNullable(env.apply("PGDATABASE")).orElse(pgUser);
        String url = "jdbc:postgresql://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + ":" + port + "/" + db;
        if (env.apply("PGSSLMODE") != null) {
            url += "?sslmode=" + env.apply("PGSSLMODE");
        }
        return url;
    }

    /** A {@code postgres://} URL's parts: the JDBC URL and the user and password it carries. */
    record ParsedUrl(String jdbcUrl, String user, String password) {
    }

    /**
     * {@code postgres://user:pass@host:port/db?sslmode=x} (the Heroku/dbmate form) or a JDBC URL. Malformed text is
     * a configuration error that never repeats the password.
     */
    static ParsedUrl parse(String value, String where) {
        if (value.startsWith("jdbc:")) {
            return new ParsedUrl(value, null, null);
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new BasculeException.Configuration(where + " is not a valid URL (" + e.getReason() + "): '"
                    + Database.redact(value) + "'; write it as postgres:// then"
                    + " user:password@host:5432/database, with special characters of the password percent-encoded"
                    + " (%40 for @, %20 for a space)");
        }
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new BasculeException.Configuration(where + " must start with postgres:// or jdbc:postgresql://, got '"
                    + Database.redact(value) + "'");
        }
        if (uri.getHost() == null) {
            throw new BasculeException.Configuration(where + (uri.getRawAuthority() == null ? " has no host: '"
                    : " has no valid host and port: '") + Database.redact(value) + "'; write it as"
                    + " postgres:// then user:password@host:5432/database (the port a number, an IPv6 address in"
                    + " brackets, and @ : / or a space in the password percent-encoded as %40 %3A %2F %20)");
        }
        if (uri.getRawUserInfo() != null && (uri.getRawPath() + uri.getRawQuery()).contains("@")) {
            // postgres://app:pa/ss@word@host/db reads as host "pa"... with the rest of the password in the path.
            throw new BasculeException.Configuration(where + " holds an @ after its host: '" + Database.redact(value)
                    + "'; a / or @ in the password must be percent-encoded (%2F, %40), as in postgres:// then"
                    + " user:pa%2Fss@host:5432/database");
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon >= 0 ? info.substring(0, colon) : info, where, value);
            password = colon >= 0 ? decode(info.substring(colon + 1), where, value) : null;
        }
        String url = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new ParsedUrl(url, user, password);
    }

    private static String decode(String text, String where, String value) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BasculeException.Configuration(where + " holds a malformed percent-escape in its user or password: '"
                    + Database.redact(value) + "'; write %25 for a literal %");
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
