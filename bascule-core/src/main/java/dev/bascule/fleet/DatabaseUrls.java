package dev.bascule.fleet;

import dev.bascule.db.Database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/**
 * The connection URLs a fleet handles, in both spellings Bascule accepts ({@code jdbc:postgresql://host:port/db?...}
 * and {@code postgres://user:pass@host:port/db?...}): a short name for the summary, the database's identity, and the
 * same URL naming another database of the server. Never returns or reports a password.
 */
final class DatabaseUrls {

    private DatabaseUrls() {
    }

    /** Why {@code url} is not a connection URL Bascule reads, or empty when it is one. */
    static Optional<String> problem(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return Optional.ofNullable(org.postgresql.Driver.parseURL(url, new Properties()) == null
                    ? "not a valid jdbc:postgresql://host:port/database URL: '" + Database.redact(url) + "'" : null);
        }
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            try {
                URI uri = new URI(url);
                return Optional.ofNullable(uri.getHost() == null ? "no host in '" + Database.redact(url) + "'" : null);
            } catch (URISyntaxException e) {
                return Optional.of("not a valid URL (" + e.getReason() + "): '" + Database.redact(url) + "'");
            }
        }
        return Optional.of("expected a jdbc:postgresql:// or postgres:// URL, found '" + Database.redact(url) + "'");
    }

    /** {@code host:port/database}: what a summary calls a URL target (the port defaults to 5432). */
    static String name(String url) {
        if (url.startsWith("jdbc:")) {
            return identity(url);
        }
        URI uri = URI.create(url);
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "" : uri.getPath().substring(1);
        return uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 5432) + "/" + path;
    }

    /** {@code host:port/database} of a JDBC URL, as the driver reads it; the URL (redacted) when it cannot. */
    static String identity(String jdbcUrl) {
        Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, new Properties());
        if (parsed == null) {
            return Database.redact(jdbcUrl);
        }
        return parsed.getProperty("PGHOST", "localhost").split(",")[0].toLowerCase(java.util.Locale.ROOT) + ":"
                + parsed.getProperty("PGPORT", "5432").split(",")[0] + "/" + parsed.getProperty("PGDBNAME", "");
    }

    /** The same URL (user, password, parameters kept) naming {@code database} on the same server. */
    static String withDatabase(String url, String database) {
        String encoded = URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int hosts = base.indexOf("//");
        if (hosts < 0) {
            // jdbc:postgresql:database (local server, default port)
            return "jdbc:postgresql:" + encoded + params;
        }
        int slash = base.indexOf('/', hosts + 2);
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + encoded + params;
    }
}
