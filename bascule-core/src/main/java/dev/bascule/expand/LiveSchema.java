package dev.bascule.expand;

import dev.bascule.error.BasculeException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@link ColumnFacts} from the catalog ({@code pg_attribute}, {@code pg_attrdef}, {@code pg_constraint},
 * {@code pg_index}, {@code pg_depend}) in a read-only transaction that is rolled back, with a statement and lock
 * timeout so it never hangs.
 */
final class LiveSchema {

    private static final String COLUMNS = """
            SELECT a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity <> '',
                   a.attgenerated <> '', pg_get_expr(d.adbin, d.adrelid), col_description(a.attrelid, a.attnum),
                   CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
                        (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                           FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
                          WHERE co.oid = a.attcollation) END,
                   pg_get_serial_sequence(?, a.attname)
              FROM pg_attribute a
              JOIN pg_type t ON t.oid = a.atttypid
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum""";

    private static final String CONSTRAINTS = """
            SELECT con.conname, con.contype, pg_get_constraintdef(con.oid), con.convalidated,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(num, pos)
                           JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
                          ORDER BY k.pos)::text[]
              FROM pg_constraint con
             WHERE con.conrelid = ? AND ?::int2 = ANY (con.conkey)
             ORDER BY con.conname""";

    private static final String REFERENCING = """
            SELECT 'foreign key ' || quote_ident(con.conname) || ' of table ' || con.conrelid::regclass::text
              FROM pg_constraint con
             WHERE con.contype = 'f' AND con.confrelid = ? AND ?::int2 = ANY (con.confkey)
             ORDER BY 1""";

    private static final String INDEXES = """
            SELECT ic.relname, pg_get_indexdef(i.indexrelid), con.conname, con.contype,
                   coalesce(con.condeferrable, false), coalesce(con.condeferred, false), i.indisvalid
              FROM pg_index i
              JOIN pg_class ic ON ic.oid = i.indexrelid
              LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                                         AND con.contype IN ('p', 'u', 'x')
             WHERE i.indrelid = ?
               AND (?::int2 = ANY (i.indkey::int2[])
                    OR EXISTS (SELECT 1 FROM pg_depend d
                                WHERE d.classid = 'pg_class'::regclass AND d.objid = i.indexrelid
                                  AND d.refclassid = 'pg_class'::regclass AND d.refobjid = i.indrelid
                                  AND d.refobjsubid = ?))
             ORDER BY ic.relname""";

    /** Objects using the column other than its default, constraints, indexes and owned sequence. */
    private static final String DEPENDENTS = """
            SELECT DISTINCT pg_describe_object(d.classid, d.objid, d.objsubid)
              FROM pg_depend d
             WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = ? AND d.refobjsubid = ?
               AND d.deptype IN ('n', 'a')
               AND d.classid <> 'pg_constraint'::regclass
               AND NOT (d.classid = 'pg_class'::regclass
                        AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = d.objid AND c.relkind IN ('i', 'I', 'S')))
               AND NOT (d.classid = 'pg_attrdef'::regclass
                        AND EXISTS (SELECT 1 FROM pg_attrdef ad WHERE ad.oid = d.objid
                                       AND ad.adrelid = d.refobjid AND ad.adnum = d.refobjsubid))
             ORDER BY 1""";

    private LiveSchema() {
    }

    /**
     * @throws BasculeException.Configuration when the table or column does not exist, or the catalog cannot be read
     */
    static ColumnFacts read(Connection connection, ColumnChange change, Duration timeout) {
        try {
            return Transactions.rolledBack(connection, timeout, true, () -> readIn(connection, change));
        } catch (SQLException e) {
            throw new BasculeException.Configuration("cannot read " + change.table() + "." + change.column()
                    + " from the database: " + e.getMessage(), e);
        }
    }

    private static ColumnFacts readIn(Connection c, ColumnChange change) throws SQLException {
        TableName table = change.table();
        long oid;
        boolean partitioned;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT c.oid, c.relkind FROM pg_class c WHERE c.oid = to_regclass(?) AND c.relkind IN ('r', 'p')")) {
            st.setString(1, table.sql());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new BasculeException.Configuration("table " + table + " does not exist (search_path: "
                            + searchPath(c) + "); check the name, or qualify it with its schema");
                }
                oid = rs.getLong(1);
                partitioned = "p".equals(rs.getString(2));
            }
        }
        List<String> columns = new ArrayList<>();
        ColumnFacts facts = null;
        int attnum = -1;
        try (PreparedStatement st = c.prepareStatement(COLUMNS)) {
            st.setString(1, table.sql());
            st.setLong(2, oid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(2);
                    columns.add(name);
                    if (name.equals(change.column())) {
                        attnum = rs.getInt(1);
                        facts = new ColumnFacts(table, name, rs.getString(3), Optional.ofNullable(rs.getString(9)),
                                rs.getBoolean(4), Optional.ofNullable(rs.getString(7)),
                                Optional.ofNullable(rs.getString(10)), Optional.ofNullable(rs.getString(8)),
                                rs.getBoolean(5), rs.getBoolean(6), partitioned, List.of(), List.of(), List.of(),
                                List.of(), List.of(), List.of());
                    }
                }
            }
        }
        if (facts == null) {
            throw new BasculeException.Configuration("table " + table + " has no column " + change.column()
                    + "; its columns: " + String.join(", ", columns));
        }
        List<ColumnFacts.Check> checks = new ArrayList<>();
        List<ColumnFacts.ForeignKey> foreignKeys = new ArrayList<>();
        List<ColumnFacts.Blocker> blockers = new ArrayList<>();
        List<String> primaryKey = primaryKey(c, oid);
        try (PreparedStatement st = c.prepareStatement(CONSTRAINTS)) {
            st.setLong(1, oid);
            st.setInt(2, attnum);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String described = "constraint " + SqlText.ident(name) + " on table " + table;
                    switch (rs.getString(2)) {
                        case "c" -> checks.add(new ColumnFacts.Check(name, rs.getString(3), rs.getBoolean(4)));
                        case "f" -> foreignKeys.add(new ColumnFacts.ForeignKey(name, strings(rs.getArray(5)),
                                rs.getString(3), rs.getBoolean(4)));
                        case "p" -> blockers.add(new ColumnFacts.Blocker(ColumnFacts.Blocker.Kind.PRIMARY_KEY, described));
                        case "x" -> blockers.add(new ColumnFacts.Blocker(ColumnFacts.Blocker.Kind.EXCLUSION_CONSTRAINT,
                                described));
                        default -> {
                            // 'u' comes with its index; 'n' (PostgreSQL 18's NOT NULL) is attnotnull; 't' has no columns
                        }
                    }
                }
            }
        }
        for (String referencing : strings(c, REFERENCING, oid, attnum)) {
            blockers.add(new ColumnFacts.Blocker(ColumnFacts.Blocker.Kind.REFERENCED_BY_FOREIGN_KEY, referencing));
        }
        for (String dependent : strings(c, DEPENDENTS, oid, attnum)) {
            blockers.add(new ColumnFacts.Blocker(ColumnFacts.Blocker.Kind.DEPENDENT_OBJECT, dependent));
        }
        List<ColumnFacts.Index> indexes = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(INDEXES)) {
            st.setLong(1, oid);
            st.setInt(2, attnum);
            st.setInt(3, attnum);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String constraintType = rs.getString(4);
                    if ("p".equals(constraintType) || "x".equals(constraintType)) {
                        continue; // reported as blockers above
                    }
                    indexes.add(new ColumnFacts.Index(rs.getString(1), rs.getString(2),
                            "u".equals(constraintType) ? Optional.of(rs.getString(3)) : Optional.empty(),
                            rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7)));
                }
            }
        }
        return facts.withTableColumns(columns, primaryKey).withChecks(checks).withForeignKeys(foreignKeys)
                .withIndexes(indexes).withBlockers(blockers);
    }

    private static List<String> primaryKey(Connection c, long oid) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(num, pos)
                               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
                              ORDER BY k.pos)::text[]
                  FROM pg_constraint con WHERE con.conrelid = ? AND con.contype = 'p'""")) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? strings(rs.getArray(1)) : List.of();
            }
        }
    }

    private static List<String> strings(Connection c, String sql, long oid, int attnum) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, oid);
            st.setInt(2, attnum);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String searchPath(Connection c) {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW search_path")) {
            return rs.next() ? rs.getString(1) : "?";
        } catch (SQLException e) {
            return "?";
        }
    }
}
