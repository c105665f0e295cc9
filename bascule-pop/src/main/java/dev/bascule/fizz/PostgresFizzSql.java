package dev.bascule.fizz;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders fizz operations as PostgreSQL, byte for byte as gobuffalo/fizz's PostgreSQL translator of the
 * Pop 2018-2019 era does (the SQL MilMove's databases were built with): quoted table and column names in
 * table/column statements, unquoted names in foreign-key and index column lists, {@code VARCHAR (255)} for
 * strings, defaults as quoted literals. Callers validate arguments first; these methods only format.
 */
final class PostgresFizzSql {

    private PostgresFizzSql() {
    }

    static List<String> createTable(String table, List<FizzColumn> columns, List<FizzForeignKey> foreignKeys,
                                    List<FizzIndex> indexes) {
        List<String> parts = new ArrayList<>();
        for (FizzColumn column : columns) {
            FizzColumn rendered = column;
            if (column.primary()) {
                rendered = column.withType(serialType(column.type()));
                parts.add("PRIMARY KEY(\"" + column.name() + "\")");
            }
            parts.add(columnDefinition(rendered));
        }
        for (FizzForeignKey fk : foreignKeys) {
            parts.add(foreignKeyClause(fk));
        }
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TABLE \"" + table + "\" (\n" + String.join(",\n", parts) + "\n);");
        for (FizzIndex index : indexes) {
            statements.add(addIndex(table, index));
        }
        return statements;
    }

    /** Integer primary keys become serials; string and uuid keys keep their type. */
    private static String serialType(String type) {
        return switch (type) {
            case "integer", "INT", "int" -> "SERIAL";
            case "bigint", "BIGINT" -> "BIGSERIAL";
            default -> type;
        };
    }

    /** True for the column types fizz accepts as a primary key on PostgreSQL. */
    static boolean canBePrimaryKey(String type) {
        return switch (type) {
            case "string", "uuid", "integer", "INT", "int", "bigint", "BIGINT" -> true;
            default -> false;
        };
    }

    static String dropTable(String table) {
        return "DROP TABLE \"" + table + "\";";
    }

    static String renameTable(String from, String to) {
        return "ALTER TABLE \"" + from + "\" RENAME TO \"" + to + "\";";
    }

    static String addColumn(String table, FizzColumn column) {
        return "ALTER TABLE \"" + table + "\" ADD COLUMN " + columnDefinition(column) + ";";
    }

    static String changeColumn(String table, FizzColumn column) {
        String name = column.name();
        StringBuilder s = new StringBuilder("ALTER TABLE \"").append(table).append("\" ALTER COLUMN \"")
                .append(name).append("\" TYPE ").append(columnType(column));
        s.append(", ALTER COLUMN \"").append(name).append(column.has("null") ? "\" DROP NOT NULL" : "\" SET NOT NULL");
        if (column.has("default")) {
            s.append(", ALTER COLUMN \"").append(name).append("\" SET DEFAULT ").append(defaultLiteral(column));
        }
        if (column.has("default_raw")) {
            s.append(", ALTER COLUMN \"").append(name).append("\" SET DEFAULT ").append(rawDefault(column));
        }
        return s.append(';').toString();
    }

    static String dropColumn(String table, String column) {
        return "ALTER TABLE \"" + table + "\" DROP COLUMN \"" + column + "\";";
    }

    static String renameColumn(String table, String from, String to) {
        return "ALTER TABLE \"" + table + "\" RENAME COLUMN \"" + from + "\" TO \"" + to + "\";";
    }

    static String addIndex(String table, FizzIndex index) {
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX \"" + index.name() + "\" ON \"" + table
                + "\" (" + String.join(", ", index.columns()) + ");";
    }

    static String dropIndex(String index) {
        return "DROP INDEX \"" + index + "\";";
    }

    static String renameIndex(String from, String to) {
        return "ALTER INDEX \"" + from + "\" RENAME TO \"" + to + "\";";
    }

    static String addForeignKey(String table, FizzForeignKey fk) {
        return "ALTER TABLE " + table + " ADD CONSTRAINT " + fk.name() + " " + foreignKeyClause(fk) + ";";
    }

    /** fizz leaves two spaces before the name when there is no IF EXISTS; kept so output matches fizz. */
    static String dropForeignKey(String table, String name, boolean ifExists) {
        return "ALTER TABLE " + table + " DROP CONSTRAINT " + (ifExists ? "IF EXISTS" : "") + " " + name + ";";
    }

    private static String foreignKeyClause(FizzForeignKey fk) {
        String s = "FOREIGN KEY (" + fk.column() + ") REFERENCES " + fk.refTable() + " ("
                + String.join(", ", fk.refColumns()) + ")";
        if (fk.onUpdate() != null) {
            s += " ON UPDATE " + fk.onUpdate();
        }
        if (fk.onDelete() != null) {
            s += " ON DELETE " + fk.onDelete();
        }
        return s;
    }

    private static String columnDefinition(FizzColumn column) {
        StringBuilder s = new StringBuilder("\"").append(column.name()).append("\" ").append(columnType(column));
        if (!column.has("null") || column.primary()) {
            s.append(" NOT NULL");
        }
        if (column.has("default")) {
            s.append(" DEFAULT ").append(defaultLiteral(column));
        }
        if (column.has("default_raw")) {
            s.append(" DEFAULT ").append(rawDefault(column));
        }
        return s.toString();
    }

    /** fizz's PostgreSQL type mapping; any other type name passes through unchanged. */
    private static String columnType(FizzColumn column) {
        return switch (column.type()) {
            case "string" -> "VARCHAR (" + (column.has("size") ? plain(column.options().get("size")) : "255") + ")";
            case "uuid" -> "UUID";
            case "time", "datetime" -> "timestamp";
            case "blob" -> "bytea";
            default -> column.type();
        };
    }

    /**
     * fizz writes {@code DEFAULT '%v'}. A single quote inside the value is doubled here; fizz leaves it as is
     * and so produces SQL PostgreSQL rejects, so this is the one place the output differs, and only for input
     * fizz could not run.
     */
    private static String defaultLiteral(FizzColumn column) {
        return "'" + plain(column.options().get("default")).replace("'", "''") + "'";
    }

    private static String rawDefault(FizzColumn column) {
        return plain(column.options().get("default_raw"));
    }

    /** A scalar as Go's %v prints it. Callers reject lists and maps before rendering. */
    static String plain(FizzValue value) {
        if (value instanceof FizzValue.Text t) {
            return t.value();
        }
        if (value instanceof FizzValue.Number n) {
            return n.literal();
        }
        if (value instanceof FizzValue.Bool b) {
            return Boolean.toString(b.value());
        }
        throw new IllegalStateException("not a scalar: " + value.describe());
    }
}
