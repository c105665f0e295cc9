package dev.bascule.generate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of a live table, read for {@code gen data-migration --from-csv} when a database is configured: the
 * CSV's columns must exist, and an {@code id} column of type uuid the CSV lacks gets ids generated.
 *
 * @param columns column name to its type ({@code format_type}), in column order
 */
public record TableColumns(String table, Map<String, String> columns) {

    /** The table as PostgreSQL resolves {@code tableSql} (a name as written in SQL) on this connection; empty when none. */
    public static Optional<TableColumns> read(Connection connection, String tableSql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.oid::regclass::text, a.attname,"
                + " format_type(a.atttypid, a.atttypmod) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
                + " WHERE c.oid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setString(1, tableSql);
            String name = null;
            Map<String, String> columns = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    name = rs.getString(1);
                    columns.put(rs.getString(2), rs.getString(3));
                }
            }
            return name == null ? Optional.empty() : Optional.of(new TableColumns(name, columns));
        }
    }
}
