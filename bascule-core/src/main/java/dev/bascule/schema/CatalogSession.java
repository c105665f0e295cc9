package dev.bascule.schema;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/** Runs the snapshot's catalog queries on one connection; a failure names the query that failed. */
final class CatalogSession {

    /** Handles one row of a query. */
    interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final int serverVersion;

    CatalogSession(Connection connection, int serverVersion) {
        this.connection = connection;
        this.serverVersion = serverVersion;
    }

    /** {@code server_version_num}, e.g. 170011. */
    int serverVersion() {
        return serverVersion;
    }

    void each(String what, String sql, RowHandler handler) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                handler.row(rs);
            }
        } catch (SQLException e) {
            throw new SQLException("schema snapshot: reading " + what + " failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** A {@code text[]} column as a Java array, or null. */
    static String[] strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.copyOf(values, values.length, String[].class);
    }

    /**
     * The privileges as {@code role=privileges/grantor} items, sorted (the catalog keeps them in grant order), or
     * null when they are the owner's defaults: a GRANT followed by its REVOKE leaves an explicit default list
     * behind, which must compare equal to never having granted.
     */
    static String grants(String[] acl, String[] defaults) {
        if (acl == null) {
            return null;
        }
        String[] sorted = acl.clone();
        Arrays.sort(sorted);
        String[] sortedDefaults = defaults == null ? new String[0] : defaults.clone();
        Arrays.sort(sortedDefaults);
        if (Arrays.equals(sorted, sortedDefaults)) {
            return null;
        }
        return sorted.length == 0 ? "none" : String.join(", ", sorted);
    }

    /** Items of an options array ({@code fillfactor=70}), sorted: their order in the catalog is not semantic. */
    static String sortedList(String[] items) {
        if (items == null || items.length == 0) {
            return null;
        }
        String[] sorted = items.clone();
        Arrays.sort(sorted);
        return String.join(", ", sorted);
    }
}
