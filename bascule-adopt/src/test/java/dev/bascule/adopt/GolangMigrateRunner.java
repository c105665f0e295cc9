package dev.bascule.adopt;

import dev.bascule.testing.TestDatabase;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code migrate up} as golang-migrate v4 does against PostgreSQL (the Go binary is not available here).
 * Followed, in github.com/golang-migrate/migrate: database/postgres/postgres.go ({@code ensureVersionTable}
 * creates {@code schema_migrations (version bigint not null primary key, dirty boolean not null)} in the current
 * schema; {@code SetVersion} truncates the table and inserts the one row in a transaction; {@code Run} sends the
 * whole file as one {@code ExecContext} without arguments, i.e. one simple query), migrate.go
 * ({@code runMigrations}: {@code SetVersion(v, true)}, {@code Run}, {@code SetVersion(v, false)}, stopping at the
 * first error and so leaving the row dirty) and source/parse.go (file names {@code ^([0-9]+)_(.*)\.(down|up)\.(.*)$}).
 */
final class GolangMigrateRunner {

    private static final Pattern UP = Pattern.compile("([0-9]+)_(.*)\\.up\\.(.*)");

    private GolangMigrateRunner() {
    }

    /** Applies the up files after the current version, up to {@code target}; throws at the first failure. */
    static void up(TestDatabase db, Path dir, long target) throws IOException, SQLException {
        Map<BigInteger, Path> ups = new TreeMap<>();
        try (var files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = UP.matcher(f.getFileName().toString());
                if (m.matches()) {
                    ups.put(new BigInteger(m.group(1)), f);
                }
            });
        }
        try (Connection c = SimpleQuery.connect(db)) {
            String table = "\"" + currentSchema(c) + "\".\"schema_migrations\"";
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + table + " (version bigint not null primary key, dirty boolean not null)");
            }
            long current = -1;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version, dirty FROM " + table + " LIMIT 1")) {
                if (rs.next()) {
                    if (rs.getBoolean(2)) {
                        throw new IllegalStateException("Dirty database version " + rs.getLong(1) + ". Fix and force version.");
                    }
                    current = rs.getLong(1);
                }
            }
            for (Map.Entry<BigInteger, Path> e : ups.entrySet()) {
                long version = e.getKey().longValueExact();
                if (version <= current || version > target) {
                    continue;
                }
                setVersion(c, table, version, true);
                String body = Files.readString(e.getValue());
                if (!body.isBlank()) {
                    try (Statement st = c.createStatement()) {
                        st.execute(body);
                    }
                }
                setVersion(c, table, version, false);
            }
        }
    }

    private static void setVersion(Connection c, String table, long version, boolean dirty) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + table + " (version, dirty) VALUES (?, ?)")) {
            st.execute("TRUNCATE " + table);
            ps.setLong(1, version);
            ps.setBoolean(2, dirty);
            ps.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String currentSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
