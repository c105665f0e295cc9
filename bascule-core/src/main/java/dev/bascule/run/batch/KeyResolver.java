package dev.bascule.run.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Finds the key a batched statement walks in the live catalog: the key table's single-column primary key, or the
 * column {@code key=} names when it is NOT NULL and has a unique, valid, non-partial btree index of its own (so
 * that {@code ORDER BY key} and {@code key > x} run on that index and every row has exactly one position).
 */
final class KeyResolver {

    private static final String TABLE = "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relhassubclass"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.oid = pg_catalog.to_regclass(?)";

    private static final String PRIMARY_KEY = "SELECT i.indnkeyatts, (SELECT a.attname FROM pg_catalog.pg_attribute a"
            + " WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[0]),"
            + " pg_catalog.array_to_string(ARRAY(SELECT a.attname FROM pg_catalog.unnest(i.indkey) WITH ORDINALITY"
            + " AS k(attnum, n) JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
            + " ORDER BY k.n), ', ')"
            + " FROM pg_catalog.pg_index i WHERE i.indrelid = ? AND i.indisprimary";

    /** The column, whether it is NOT NULL, its type, and whether a usable unique index covers it alone. */
    private static final String COLUMN = "SELECT a.attnotnull, pg_catalog.format_type(a.atttypid, a.atttypmod),"
            + " t.typcategory, EXISTS (SELECT 1 FROM pg_catalog.pg_index i"
            + " JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid JOIN pg_catalog.pg_am am ON am.oid = ic.relam"
            + " JOIN pg_catalog.pg_opclass oc ON oc.oid = i.indclass[0]"
            + " WHERE i.indrelid = a.attrelid AND i.indisunique AND i.indisvalid AND i.indnkeyatts = 1"
            + " AND i.indkey[0] = a.attnum AND i.indpred IS NULL AND i.indexprs IS NULL AND am.amname = 'btree'"
            + " AND oc.opcdefault AND i.indcollation[0] = a.attcollation)"
            + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
            + " WHERE a.attrelid = ? AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped";

    private KeyResolver() {
    }

    static ResolvedKey resolve(Connection connection, BatchShape shape, BatchOptions options) throws SQLException {
        Table table = table(connection, shape, shape.keyTable());
        if (shape.kind() == BatchShape.Kind.INSERT_SELECT) {
            Table target = table(connection, shape, shape.target());
            if (target.oid == table.oid) {
                throw shape.error("INSERT INTO " + shape.target().name() + " ... SELECT FROM the same table cannot be"
                        + " batched: the rows it inserts lie ahead of the walk and would be copied again");
            }
        }
        String column;
        boolean primaryKey;
        if (options.keyColumn().isPresent()) {
            column = options.keyColumn().get();
            primaryKey = false;
        } else {
            column = primaryKeyColumn(connection, shape, table);
            primaryKey = true;
        }
        if (shape.assignedColumns().contains(column)) {
            throw shape.error("the UPDATE assigns the key column " + column + ": changed rows would move along the"
                    + " walk and be changed twice or never; batch over another unique NOT NULL column with key=COLUMN");
        }
        String typeSql = checkedColumn(connection, shape, table, column);
        return new ResolvedKey(table.oid, ResolvedKey.quote(table.schema) + "." + ResolvedKey.quote(table.name),
                column, typeSql, primaryKey);
    }

    /** Whether the table a statement names exists now (a table created by an earlier step does not, yet). */
    static boolean tableExists(Connection connection, TableRef ref) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_catalog.to_regclass(?) IS NOT NULL")) {
            ps.setString(1, ref.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return true; // a malformed name: let resolve() report it with file and line
        }
    }

    private record Table(long oid, String schema, String name, String written) {
    }

    private static Table table(Connection connection, BatchShape shape, TableRef ref) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(TABLE)) {
            ps.setString(1, ref.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw shape.error("table " + ref.name() + " does not exist (looked up with the session's"
                            + " search_path); check the name, or create it in an earlier migration");
                }
                String kind = rs.getString(4);
                if (!kind.equals("r") && !kind.equals("p")) {
                    throw shape.error(ref.name() + " is " + relationKind(kind) + ": only tables can be batched");
                }
                if (kind.equals("r") && rs.getBoolean(5) && !ref.only()) {
                    throw shape.error("table without a usable key: " + ref.name() + " has inheritance children whose"
                            + " rows its key does not order; write ONLY " + ref.name() + " and batch each child on"
                            + " its own");
                }
                return new Table(rs.getLong(1), rs.getString(2), rs.getString(3), ref.name());
            }
        } catch (SQLException e) {
            if ("42601".equals(e.getSQLState()) || "42602".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                throw shape.error("cannot look up table " + ref.name() + ": " + e.getMessage());
            }
            throw e;
        }
    }

    private static String primaryKeyColumn(Connection connection, BatchShape shape, Table table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(PRIMARY_KEY)) {
            ps.setLong(1, table.oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw shape.error("table without a usable key: " + table.written + " has no primary key; add"
                            + " key=COLUMN to bascule:batch naming a NOT NULL column with a unique index of its own");
                }
                if (rs.getInt(1) != 1) {
                    throw shape.error("table without a usable key: the primary key of " + table.written + " has "
                            + rs.getInt(1) + " columns (" + rs.getString(3) + ") and batches walk one column; add"
                            + " key=COLUMN naming a NOT NULL column with a unique index of its own");
                }
                return rs.getString(2);
            }
        }
    }

    /** Checks the key column and returns its type. */
    private static String checkedColumn(Connection connection, BatchShape shape, Table table, String column)
            throws SQLException {
        String where = table.written + "." + column;
        try (PreparedStatement ps = connection.prepareStatement(COLUMN)) {
            ps.setLong(1, table.oid);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw shape.error("key column " + column + " does not exist in table " + table.written);
                }
                if (!rs.getBoolean(1)) {
                    throw shape.error("key column not unique or nullable: " + where + " is nullable, and rows with"
                            + " a NULL key would never be reached; make it NOT NULL or choose another key=COLUMN");
                }
                if (!rs.getBoolean(4)) {
                    throw shape.error("key column not unique or nullable: " + where + " has no unique index of its"
                            + " own (a valid, non-partial btree index or constraint on that column alone, with the"
                            + " column's default ordering); add one or choose another key=COLUMN");
                }
                String type = rs.getString(2);
                checkTextFormRoundTrips(connection, shape, where, type, rs.getString(3));
                return type;
            }
        }
    }

    /**
     * The position reached is stored as the key's text form and read back with a cast. Dates and times print
     * according to DateStyle, which the JDBC driver pins to ISO (it refuses to run otherwise), and ISO text reads
     * back the same under any DateStyle. Intervals print according to IntervalStyle, which nothing pins: only
     * the default, {@code postgres}, is accepted for an interval key.
     */
    private static void checkTextFormRoundTrips(Connection connection, BatchShape shape, String where, String type,
                                                String category) throws SQLException {
        if (!category.equals("T")) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_catalog.current_setting('IntervalStyle')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            String value = rs.getString(1);
            if (!value.equals("postgres")) {
                throw shape.error("key column " + where + " is of type " + type + ", whose text form depends on"
                        + " IntervalStyle (here '" + value + "'); the position reached is stored as text, so run"
                        + " with IntervalStyle = postgres (the server's default)");
            }
        }
    }

    private static String relationKind(String kind) {
        return switch (kind) {
            case "v" -> "a view";
            case "m" -> "a materialized view";
            case "f" -> "a foreign table";
            case "S" -> "a sequence";
            case "i", "I" -> "an index";
            default -> "not a table (relkind " + kind + ")";
        };
    }
}
