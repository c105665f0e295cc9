package dev.bascule.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Says what is wrong with the history table when reading or creating it failed, in words a person can act on: a
 * view or other relation where the table should be, a column dropped, renamed or of another type, a privilege
 * missing on the table, its schema or the database. Reads only the catalogs ({@code pg_class},
 * {@code pg_attribute}, {@code has_*_privilege}), so it works where the table itself cannot be read.
 *
 * <p>Called when an operation on the history failed with an error outside a migration statement; nothing is
 * changed. {@link #diagnose} is empty when the table looks right (the failure lies elsewhere).
 */
public final class HistoryTableCheck {

    /** Every column Bascule reads, with the type it creates it with. {@code stage}, {@code statements_done} and {@code resume_from} are added when missing. */
    static final Map<String, String> COLUMNS = columns();

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("id", "bigint");
        c.put("version", "numeric(20,0)");
        c.put("name", "text");
        c.put("kind", "text");
        c.put("script", "text");
        c.put("checksum", "text");
        c.put("applied_at", "timestamp with time zone");
        c.put("applied_by", "text");
        c.put("execution_ms", "bigint");
        c.put("success", "boolean");
        return c;
    }

    /** Columns later versions add by themselves; present or not, they are fine. */
    private static final List<String> ADDED_LATER = List.of("stage", "statements_done", "resume_from");

    private HistoryTableCheck() {
    }

    /** What is wrong with {@code history} for the connection's user, or empty when nothing is. */
    public static Optional<String> diagnose(Connection connection, HistoryTable history) throws SQLException {
        String table = history.qualifiedName();
        String user = scalar(connection, "SELECT current_user");
        String database = scalar(connection, "SELECT current_database()");
        Optional<String> kind = relationKind(connection, history);
        if (kind.isEmpty()) {
            return cannotCreate(connection, history, user, database);
        }
        if (!kind.get().equals("r") && !kind.get().equals("p")) {
            return Optional.of("the history table " + table + " is " + kindName(kind.get()) + ", not a table: Bascule"
                    + " records applied migrations in a table it creates itself. Rename or drop that "
                    + kindName(kind.get()).replaceFirst("^an? ", "") + " (keeping its rows if they are the history), or"
                    + " set history-table (and history-schema) in bascule.yml to a name of its own");
        }
        if (!privilege(connection, "has_schema_privilege(?, 'USAGE')", history.schema())) {
            return Optional.of(user + " may not use schema " + HistoryTable.quote(history.schema()) + ", which holds the"
                    + " history table: GRANT USAGE ON SCHEMA " + HistoryTable.quote(history.schema()) + " TO " + user);
        }
        List<String> wrong = columnProblems(connection, history);
        if (!wrong.isEmpty()) {
            return Optional.of("the history table " + table + " was changed by hand: " + String.join("; ", wrong)
                    + ". Bascule needs its columns as it created them: restore them (the statements above), or if"
                    + " this table is not Bascule's, set history-table in bascule.yml to another name");
        }
        List<String> missing = new ArrayList<>();
        for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
            if (!privilege(connection, "has_table_privilege(?, '" + privilege + "')", qualified(history))) {
                missing.add(privilege);
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of(user + " may not " + String.join(", ", missing).toLowerCase(Locale.ROOT) + " rows of the"
                    + " history table " + table + ": GRANT " + String.join(", ", missing) + " ON " + table + " TO " + user
                    + " (migrate writes a row per migration, repair updates and deletes rows)");
        }
        return Optional.empty();
    }

    /** The history table does not exist: can this user create it (and its schema)? */
    private static Optional<String> cannotCreate(Connection connection, HistoryTable history, String user,
                                                 String database) throws SQLException {
        String schema = HistoryTable.quote(history.schema());
        boolean schemaExists = scalar(connection, "SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = ?",
                history.schema()).equals("1");
        boolean databaseCreate = privilege(connection, "has_database_privilege(?, 'CREATE')", database);
        if (!schemaExists) {
            return databaseCreate ? Optional.empty() : Optional.of("the history table " + history.qualifiedName()
                    + " does not exist yet, nor its schema, and " + user + " may not create schemas in database "
                    + database + ": create the schema for it (CREATE SCHEMA " + schema + " AUTHORIZATION " + user
                    + ") as an owner, or set history-schema in bascule.yml to a schema that exists");
        }
        if (!privilege(connection, "has_schema_privilege(?, 'CREATE')", history.schema())) {
            return Optional.of("the history table " + history.qualifiedName() + " does not exist yet and " + user
                    + " may not create tables in schema " + schema + ": GRANT CREATE ON SCHEMA " + schema + " TO "
                    + user + ", or run the first migrate as the schema's owner, or set history-schema in bascule.yml"
                    + " to a schema " + user + " may create tables in");
        }
        if (!databaseCreate) {
            return Optional.of("the history table " + history.qualifiedName() + " does not exist yet; " + user
                    + " may create tables in schema " + schema + " but not schemas in database " + database
                    + ", and creating the history asked for CREATE SCHEMA IF NOT EXISTS " + schema + ", which"
                    + " PostgreSQL checks against the database even when the schema exists: run the first migrate as"
                    + " an owner, or GRANT CREATE ON DATABASE " + database + " TO " + user + " for it");
        }
        return Optional.empty();
    }

    /** Each missing or re-typed column, with the statement that puts it back. */
    private static List<String> columnProblems(Connection connection, HistoryTable history) throws SQLException {
        Map<String, String> present = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a"
                        + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setString(1, history.schema());
            ps.setString(2, history.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        List<String> unknown = present.keySet().stream()
                .filter(c -> !COLUMNS.containsKey(c) && !ADDED_LATER.contains(c)).toList();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> column : COLUMNS.entrySet()) {
            String type = present.get(column.getKey());
            if (type == null) {
                problems.add("column " + column.getKey() + " is missing"
                        + (unknown.isEmpty() ? "" : " (renamed? the table has " + String.join(", ", unknown) + ")")
                        + ": ALTER TABLE " + history.qualifiedName() + (unknown.size() == 1 ? " RENAME COLUMN "
                        + HistoryTable.quote(unknown.get(0)) + " TO " + column.getKey()
                        : " ADD COLUMN " + column.getKey() + " " + column.getValue()));
            } else if (!compatible(column.getKey(), type)) {
                problems.add("column " + column.getKey() + " is " + type + ", not " + column.getValue() + ": ALTER TABLE "
                        + history.qualifiedName() + " ALTER COLUMN " + column.getKey() + " TYPE " + column.getValue());
            }
        }
        return problems;
    }

    /** Types the reader copes with: any integer for ids and times, any numeric for versions, any text for text. */
    private static boolean compatible(String column, String type) {
        String expected = COLUMNS.get(column);
        if (type.equals(expected)) {
            return true;
        }
        return switch (expected) {
            case "bigint" -> type.equals("integer") || type.equals("smallint");
            case "numeric(20,0)" -> type.startsWith("numeric") || type.equals("bigint");
            case "text" -> type.startsWith("character varying") || type.startsWith("character(") || type.equals("name");
            case "timestamp with time zone" -> type.equals("timestamp without time zone");
            default -> false;
        };
    }

    private static Optional<String> relationKind(Connection connection, HistoryTable history) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.relkind::text FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, history.schema());
            ps.setString(2, history.table());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static String kindName(String relkind) {
        return switch (relkind) {
            case "v" -> "a view";
            case "m" -> "a materialized view";
            case "f" -> "a foreign table";
            case "S" -> "a sequence";
            case "i", "I" -> "an index";
            case "c" -> "a composite type";
            default -> "a relation of kind '" + relkind + "'";
        };
    }

    private static String qualified(HistoryTable history) {
        return history.qualifiedName();
    }

    private static boolean privilege(Connection connection, String call, String object) throws SQLException {
        return scalar(connection, "SELECT (" + call + ")::text", object).equals("true");
    }

    private static String scalar(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
