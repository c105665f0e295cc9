package dev.bascule.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A table Bascule keeps beside the history table ({@link TaskTable}, {@link ProgressTable}): in its schema, named
 * after it plus a suffix, and created on first use.
 */
public abstract sealed class SideTable permits TaskTable, ProgressTable {

    /** PostgreSQL truncates longer identifiers; we shorten the base name instead, so lookups match. */
    private static final int MAX_IDENTIFIER = 63;

    private final String schema;
    private final String table;

    SideTable(String schema, String table) {
        this.schema = schema;
        this.table = table;
    }

    /** The history table's name plus {@code suffix} ({@code _tasks}, ...), its base shortened to fit. */
    static String nameBeside(HistoryTable history, String suffix) {
        String base = history.table();
        if (base.length() + suffix.length() > MAX_IDENTIFIER) {
            base = base.substring(0, MAX_IDENTIFIER - suffix.length());
        }
        return base + suffix;
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    /** The quoted, schema-qualified name for SQL. */
    public String qualifiedName() {
        return HistoryTable.quote(schema) + "." + HistoryTable.quote(table);
    }

    public boolean exists(Connection connection) throws SQLException {
        return new HistoryTable(schema, table).exists(connection);
    }

    /** Creates the schema and table when missing; autocommit, under the advisory lock. */
    public abstract void ensureExists(Connection connection) throws SQLException;

    /**
     * Creates the schema and the table ({@code columns}, the text between the parentheses of CREATE TABLE) with its
     * comment when the table is missing.
     */
    final void create(Connection connection, String columns, String comment) throws SQLException {
        if (exists(connection)) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + HistoryTable.quote(schema));
            st.execute("CREATE TABLE IF NOT EXISTS " + qualifiedName() + " (" + columns + ")");
            st.execute("COMMENT ON TABLE " + qualifiedName() + " IS '" + comment.replace("'", "''") + "'");
        }
    }
}
