package dev.bascule.adopt;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.history.HistoryTable;
import dev.bascule.run.HistoryAdopter;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adopts golang-migrate's {@code schema_migrations(version bigint, dirty boolean)}. golang-migrate keeps one row:
 * the version it last migrated to, so every file with a version up to it is applied. A dirty row means that
 * migration failed part-way and golang-migrate itself refuses to go on: so does this. Only the {@code version}
 * and {@code dirty} columns are read; projects that added columns of their own are fine.
 */
public final class GolangMigrateAdopter implements HistoryAdopter {

    static final String TABLE = "schema_migrations";
    static final String APPLIED_BY = "golang-migrate-adopt";

    @Override
    public String tool() {
        return "golang-migrate";
    }

    @Override
    public String displayName() {
        return "golang-migrate";
    }

    @Override
    public boolean detect(Connection connection) throws SQLException {
        Optional<String> table = Adoption.table(connection, TABLE);
        return table.isPresent() && Adoption.columns(connection, table.get()).containsAll(List.of("version", "dirty"));
    }

    private record State(long version, boolean dirty) {
    }

    @Override
    public Result adopt(Connection connection, Catalog catalog, HistoryTable history) throws SQLException {
        Optional<String> table = Adoption.table(connection, TABLE);
        if (table.isEmpty()) {
            return Adoption.noTable(TABLE, displayName(), "");
        }
        if (!Adoption.columns(connection, table.get()).containsAll(List.of("version", "dirty"))) {
            return Adoption.noTable(TABLE, displayName(), " with a 'dirty' column (this one has none: dbmate's table"
                    + " looks like that; try 'bascule adopt dbmate')");
        }
        List<State> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, dirty FROM " + table.get())) {
            while (rs.next()) {
                rows.add(new State(rs.getLong(1), rs.getBoolean(2)));
            }
        }
        if (rows.isEmpty()) {
            return new Result(table.get(), List.of(), 0, List.of(Problem.of(table.get(), "no version recorded: golang-migrate"
                    + " has applied nothing here (or migrated everything down): nothing to adopt")));
        }
        if (rows.size() > 1) {
            throw new BasculeException.ValidationFailed(List.of(Problem.of(table.get(), "holds " + rows.size() + " rows;"
                    + " golang-migrate keeps exactly one, the current version: someone changed it by hand. Set it"
                    + " right with 'migrate force VERSION', then run 'bascule adopt golang-migrate' again")));
        }
        State state = rows.get(0);
        if (state.dirty()) {
            throw new BasculeException.ValidationFailed(List.of(Problem.of(table.get(), "golang-migrate marked version "
                    + state.version() + " dirty: that migration failed part-way and the database may hold part of it."
                    + " Fix the database by hand, then tell golang-migrate where it stands with 'migrate force "
                    + (state.version() < 0 ? "VERSION" : state.version()) + "' (or the version before it if you undid"
                    + " it), and run 'bascule adopt golang-migrate' again")));
        }
        BigInteger current = BigInteger.valueOf(state.version());
        Map<String, Migration> files = Adoption.byKey(catalog, tool(), false, m -> m.version().toString());
        List<Migration> toAdopt = new ArrayList<>();
        boolean currentFound = false;
        for (Map.Entry<String, Migration> e : files.entrySet()) {
            BigInteger version = new BigInteger(e.getKey());
            if (version.compareTo(current) <= 0) {
                toAdopt.add(e.getValue());
            }
            currentFound |= version.equals(current);
        }
        List<Problem> warnings = new ArrayList<>();
        if (!currentFound) {
            warnings.add(Problem.of(table.get(), "golang-migrate's current version " + current + " is in no versioned"
                    + " stage: the files up to it are adopted; if its file was removed on purpose, ignore this"));
        }
        toAdopt.sort(java.util.Comparator.comparing(Migration::version));
        return Adoption.record(connection, history, table.get(), toAdopt, warnings, APPLIED_BY);
    }
}
