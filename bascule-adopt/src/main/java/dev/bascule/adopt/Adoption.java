package dev.bascule.adopt;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;
import dev.bascule.history.AppliedMigration;
import dev.bascule.history.HistoryTable;
import dev.bascule.run.HistoryAdopter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the adopters share: finding the other tool's table, matching catalog migrations to the other tool's
 * identities through their {@link ImportOrigin}, and recording the adopted ones in one transaction. The other
 * tool's table is only read, never changed or dropped.
 */
final class Adoption {

    private Adoption() {
    }

    /** The qualified name of {@code table} as the session's search_path finds it, if it exists. */
    static Optional<String> table(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?)::text")) {
            ps.setString(1, "\"" + table.replace("\"", "\"\"") + "\"");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getString(1));
            }
        }
    }

    /** The column names of a table found by {@link #table}. */
    static Set<String> columns(Connection connection, String qualifiedTable) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT attname FROM pg_catalog.pg_attribute"
                + " WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped")) {
            ps.setString(1, qualifiedTable);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /**
     * The catalog's migrations by the other tool's identity: the key in their {@link ImportOrigin} line when it
     * names {@code tool}, else {@code fallback} (a tree converted by hand keeps the tool's versions).
     */
    static Map<String, Migration> byKey(Catalog catalog, String tool, boolean repeatable, Function<Migration, String> fallback) {
        Map<String, Migration> byKey = new LinkedHashMap<>();
        for (Migration m : catalog.migrations()) {
            if (m.repeatable() == repeatable) {
                String key = ImportOrigin.find(m.text()).filter(o -> o.tool().equals(tool)).map(ImportOrigin::key)
                        .orElseGet(() -> fallback.apply(m));
                byKey.putIfAbsent(key, m);
            }
        }
        return byKey;
    }

    /**
     * Records {@code migrations} as applied in one transaction; those Bascule's history already holds are
     * counted, not recorded again, so adopting twice changes nothing.
     */
    static HistoryAdopter.Result record(Connection connection, HistoryTable history, String table, List<Migration> migrations,
                                        List<Problem> warnings, String appliedBy) throws SQLException {
        Set<String> recorded = new HashSet<>();
        for (AppliedMigration row : history.readAll(connection)) {
            recorded.add(row.version() != null ? row.version().toString() : row.stage() + "\u0000" + row.script());
        }
        List<Migration> adopted = new ArrayList<>();
        int already = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (Migration m : migrations) {
                if (!recorded.add(m.repeatable() ? m.stage().name() + "\u0000" + m.fileName() : m.version().toString())) {
                    already++;
                } else {
                    history.insert(connection, m, 0, true, appliedBy);
                    adopted.add(m);
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return new HistoryAdopter.Result(table, adopted, already, warnings);
    }

    /** The result when the tool's table is not there: nothing recorded, one warning saying where we looked. */
    static HistoryAdopter.Result noTable(String table, String tool, String detail) {
        return new HistoryAdopter.Result(table, List.of(), 0, List.of(Problem.of(table, "no " + tool + " history table '"
                + table + "' in the search path of this database" + detail + ": nothing to adopt (check --url, or the"
                + " schema " + tool + " used)")));
    }
}
