package dev.bascule.adopt;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;
import dev.bascule.history.HistoryTable;
import dev.bascule.run.HistoryAdopter;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adopts dbmate's {@code schema_migrations(version varchar)}: one row per applied version, written in the same
 * transaction as the migration (or right after it, with {@code transaction:false}). A version no file has is
 * reported. Told apart from golang-migrate's table of the same name by its missing {@code dirty} column.
 */
public final class DbmateAdopter implements HistoryAdopter {

    static final String TABLE = "schema_migrations";
    static final String APPLIED_BY = "dbmate-adopt";

    @Override
    public String tool() {
        return "dbmate";
    }

    @Override
    public String displayName() {
        return "dbmate";
    }

    @Override
    public boolean detect(Connection connection) throws SQLException {
        Optional<String> table = Adoption.table(connection, TABLE);
        return table.isPresent() && isDbmates(connection, table.get());
    }

    private static boolean isDbmates(Connection connection, String table) throws SQLException {
        var columns = Adoption.columns(connection, table);
        return columns.contains("version") && !columns.contains("dirty");
    }

    @Override
    public Result adopt(Connection connection, Catalog catalog, HistoryTable history) throws SQLException {
        Optional<String> table = Adoption.table(connection, TABLE);
        if (table.isEmpty()) {
            return Adoption.noTable(TABLE, displayName(), "");
        }
        if (!isDbmates(connection, table.get())) {
            return Adoption.noTable(TABLE, displayName(), " without a 'dirty' column (this one has one: it is"
                    + " golang-migrate's; try 'bascule adopt golang-migrate')");
        }
        List<String> versions = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM " + table.get() + " ORDER BY version")) {
            while (rs.next()) {
                versions.add(rs.getString(1).strip());
            }
        }
        Map<String, Migration> files = Adoption.byKey(catalog, tool(), false, m -> m.version().toString());
        Map<BigInteger, Migration> byNumber = new HashMap<>();
        files.forEach((key, m) -> byNumber.putIfAbsent(new BigInteger(key), m));
        List<Migration> toAdopt = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        for (String version : versions) {
            Migration m = files.get(version);
            if (m == null && version.matches("\\d{1,40}")) {
                m = byNumber.get(new BigInteger(version));
            }
            if (m == null) {
                warnings.add(Problem.of(table.get(), "dbmate recorded version '" + version + "', which no versioned stage"
                        + " lists: it is not adopted; if its file was removed on purpose, ignore this"));
            } else {
                toAdopt.add(m);
            }
        }
        toAdopt.sort(java.util.Comparator.comparing(Migration::version));
        return Adoption.record(connection, history, table.get(), toAdopt, warnings, APPLIED_BY);
    }
}
