package dev.bascule.lint;

import dev.bascule.lint.model.LintContext;
import dev.bascule.lint.parse.Routine.Volatility;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the linter needs from the target database: the tables that exist with their estimated row counts
 * ({@code pg_class.reltuples}, or the statistics collector's live-tuple count for a table never analysed), and
 * the type of every column as {@code format_type} prints it. Read-only catalogue queries, bounded by a timeout.
 *
 * @param tables      table key (as {@code QName.key()}: {@code name} in {@code public}, else {@code schema.name})
 *                    to estimated rows
 * @param columnTypes {@code <table key>.<column>} to its type, e.g. {@code character varying(20)}
 * @param functions   function name ({@code name} for {@code pg_catalog} and {@code public}, where unqualified
 *                    calls find them, {@code pg_catalog} first; else {@code schema.name}) to its volatility, the
 *                    most volatile of its overloads
 * @param serverVersionNum the server's {@code server_version_num}, e.g. 170002
 */
public record DatabaseSnapshot(Map<String, Long> tables, Map<String, String> columnTypes,
                               Map<String, Volatility> functions, int serverVersionNum) {

    private static final String TABLES = """
            SELECT n.nspname, c.relname,
                   CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint ELSE coalesce(s.n_live_tup, 0) END
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
            WHERE c.relkind IN ('r', 'p', 'v', 'm')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
            """;
    private static final String FUNCTIONS = """
            SELECT n.nspname, p.proname, string_agg(DISTINCT p.provolatile::text, '')
            FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_toast%'
            GROUP BY n.nspname, p.proname
            """;
    private static final String COLUMNS = """
            SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
            """;

    public DatabaseSnapshot {
        tables = Map.copyOf(tables);
        columnTypes = Map.copyOf(columnTypes);
        functions = Map.copyOf(functions);
    }

    public DatabaseSnapshot(Map<String, Long> tables, Map<String, String> columnTypes) {
        this(tables, columnTypes, Map.of(), LintContext.ANY_SERVER);
    }

    /**
     * Reads the snapshot; each query is cancelled after {@code timeout} (rounded up to whole seconds, JDBC's unit).
     *
     * @throws SQLException when the catalogue cannot be read (the message says which query)
     */
    public static DatabaseSnapshot read(Connection connection, Duration timeout) throws SQLException {
        int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
        Map<String, Long> tables = new HashMap<>();
        try (PreparedStatement st = connection.prepareStatement(TABLES)) {
            st.setQueryTimeout(seconds);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tables.put(key(rs.getString(1), rs.getString(2)), rs.getLong(3));
                }
            }
        } catch (SQLException e) {
            throw new SQLException("cannot list tables and row estimates from pg_class: " + e.getMessage()
                    + "; check the role may read the catalogue", e.getSQLState(), e);
        }
        Map<String, String> columns = new HashMap<>();
        try (PreparedStatement st = connection.prepareStatement(COLUMNS)) {
            st.setQueryTimeout(seconds);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.put(key(rs.getString(1), rs.getString(2)) + "." + rs.getString(3), rs.getString(4));
                }
            }
        } catch (SQLException e) {
            throw new SQLException("cannot list column types from pg_attribute: " + e.getMessage()
                    + "; check the role may read the catalogue", e.getSQLState(), e);
        }
        Map<String, Volatility> functions = new HashMap<>();
        int serverVersion;
        try (PreparedStatement st = connection.prepareStatement(FUNCTIONS)) {
            st.setQueryTimeout(seconds);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String schema = rs.getString(1);
                    String codes = rs.getString(3);
                    Volatility volatility = codes.contains("v") ? Volatility.VOLATILE
                            : codes.contains("s") ? Volatility.STABLE : Volatility.IMMUTABLE;
                    boolean searched = schema.equals("pg_catalog") || schema.equals("public");
                    String key = searched ? rs.getString(2) : schema + "." + rs.getString(2);
                    if (schema.equals("pg_catalog")) {
                        functions.put(key, volatility); // found before public by an unqualified call
                    } else {
                        functions.putIfAbsent(key, volatility);
                    }
                }
            }
            try (java.sql.Statement version = connection.createStatement();
                 ResultSet rs = version.executeQuery("SELECT current_setting('server_version_num')::int")) {
                rs.next();
                serverVersion = rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new SQLException("cannot list functions and their volatility from pg_proc: " + e.getMessage()
                    + "; check the role may read the catalogue", e.getSQLState(), e);
        }
        return new DatabaseSnapshot(tables, columns, functions, serverVersion);
    }

    private static String key(String schema, String table) {
        return "public".equals(schema) ? table : schema + "." + table;
    }

    /** The context for linting pending migrations against this database. */
    public LintContext applyTo(LintContext context) {
        return context.withDatabase(tables, columnTypes).withFunctions(functions, serverVersionNum);
    }
}
