package dev.bascule.pop;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;
import dev.bascule.catalog.Version;
import dev.bascule.history.AppliedMigration;
import dev.bascule.history.HistoryTable;
import dev.bascule.run.HistoryAdopter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Imports the history of Gobuffalo Pop (what {@code milmove migrate} uses): Pop records each applied version in
 * {@code schema_migration(version varchar)}. Each version that a versioned stage of the catalog holds becomes an
 * applied row, with the checksum of the current file and {@code applied_by = 'pop-adopt'}, so an existing database
 * continues without re-running anything. Repeatable files are not adopted: Pop never tracked them (MilMove re-runs
 * its DDL sets on every deploy), so they run once under Bascule and are tracked from then on.
 */
public final class PopAdopter implements HistoryAdopter {

    /** Pop's default table name. */
    public static final String POP_TABLE = "schema_migration";
    public static final String APPLIED_BY = "pop-adopt";

    @Override
    public String tool() {
        return "pop";
    }

    @Override
    public String displayName() {
        return "Pop";
    }

    @Override
    public boolean detect(Connection connection) throws SQLException {
        return popTable(connection).isPresent();
    }

    /** The qualified name of Pop's table as the session's search_path finds it, if it exists. */
    static Optional<String> popTable(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?)::text")) {
            ps.setString(1, POP_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getString(1));
            }
        }
    }

    /**
     * Adopts Pop's versions in one transaction; the caller holds the advisory lock and has ensured the history
     * table exists. Without a Pop table the result is empty, with one warning saying so.
     */
    @Override
    public Result adopt(Connection connection, Catalog catalog, HistoryTable history) throws SQLException {
        Optional<String> table = popTable(connection);
        if (table.isEmpty()) {
            return new Result(POP_TABLE, List.of(), 0, List.of(Problem.of(POP_TABLE, "no Pop history table '" + POP_TABLE
                    + "' in the search path of this database: nothing to adopt (check --url, or the schema Pop used)")));
        }
        Set<String> popVersions = new LinkedHashSet<>();
        try (java.sql.Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM " + table.get() + " ORDER BY version")) {
            while (rs.next()) {
                popVersions.add(rs.getString(1).strip());
            }
        }
        Set<Version> recorded = new HashSet<>();
        for (AppliedMigration row : history.readAll(connection)) {
            if (row.version() != null) {
                recorded.add(row.version());
            }
        }
        List<Migration> adopted = new ArrayList<>();
        List<Problem> unknown = new ArrayList<>();
        int already = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (String text : popVersions) {
                Optional<Version> version = parse(text);
                Optional<Migration> migration = version.flatMap(catalog::find);
                if (migration.isEmpty()) {
                    unknown.add(Problem.of(table.get(), "Pop recorded version '" + text + "', which no versioned stage"
                            + " lists: it is not adopted; if its file was removed on purpose, ignore this"));
                } else if (recorded.contains(version.get())) {
                    already++;
                } else {
                    history.insert(connection, migration.get(), 0, true, APPLIED_BY);
                    adopted.add(migration.get());
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return new Result(table.get(), adopted, already, unknown);
    }

    private static Optional<Version> parse(String text) {
        try {
            return Optional.of(Version.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
