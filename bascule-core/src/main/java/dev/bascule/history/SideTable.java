package dev.bascule.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A table Bascule keeps beside the history table ({@link TaskTable}, {@link ProgressTable}): in its schema, named
 * after it plus a suffix, and created on first use.
 */
record SideTable(String schema, String table) {

    /** PostgreSQL truncates longer identifiers; we shorten the base name instead, so lookups match. */
    private static final int MAX_IDENTIFIER = 63;

    /** The table named after {@code history} plus {@code suffix} ({@code _tasks}, ...), in the same schema. */
    static SideTable beside(HistoryTable history, String suffix) {
        String base = history.table();
        if (base.length() + suffix.length() > MAX_IDENTIFIER) {
            base = base.substring(0, MAX_IDENTIFIER - suffix.length());
        }
        return new SideTable(history.schema(), base + suffix);
    }

    /** The quoted, schema-qualified name for SQL. */
    String qualifiedName() {
        return HistoryTable.quote(schema) + "." + HistoryTable.quote(table);
    }

    boolean exists(Connection connection) throws SQLException {
        return new HistoryTable(schema, table).exists(connection);
    }

    /**
     * Creates the schema and the table ({@code columns}, the text between the parentheses of CREATE TABLE) with its
     * comment when the table is missing; autocommit, under the advisory lock.
     */
    void ensureExists(Connection connection, String columns, String comment) throws SQLException {
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
