package dev.bascule.adopt;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.history.HistoryTable;
import dev.bascule.run.HistoryAdopter;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adopts {@code flyway_schema_history}. Per version, the row with the highest installed_rank decides: a
 * successful migration row makes the version applied; an undo or a delete row (Flyway Teams' undo, {@code flyway
 * repair}) means it is not; a failed row refuses the adoption, since the database may hold half of that
 * migration. A baseline row with version B makes every file with a version up to B applied: Flyway never runs
 * those on that database. A repeatable file is adopted when Flyway's last successful run of it has the checksum of
 * the file as it is now (Flyway's CRC-32 of the original text); a changed one is left to run on the next migrate,
 * as Flyway would have run it. Versions whose files were not imported (Java migrations) are reported.
 */
public final class FlywayAdopter implements HistoryAdopter {

    static final String TABLE = "flyway_schema_history";
    static final String APPLIED_BY = "flyway-adopt";

    @Override
    public String tool() {
        return "flyway";
    }

    @Override
    public String displayName() {
        return "Flyway";
    }

    @Override
    public boolean detect(Connection connection) throws SQLException {
        return Adoption.table(connection, TABLE).isPresent();
    }

    /** One row of flyway_schema_history, read by column name (other columns may exist). */
    private record Row(int rank, String version, String description, String type, String script, Integer checksum,
                       boolean success) {

        boolean undoOrDelete() {
            return type.startsWith("UNDO_") || type.equals("DELETE");
        }

        boolean baseline() {
            return type.equals("BASELINE") || type.endsWith("_BASELINE");
        }

        String describe() {
            return (script == null || script.startsWith("<<") ? description : script) + " (installed_rank " + rank
                    + (version == null ? "" : ", version " + version) + ")";
        }
    }

    @Override
    public Result adopt(Connection connection, Catalog catalog, HistoryTable history) throws SQLException {
        Optional<String> table = Adoption.table(connection, TABLE);
        if (table.isEmpty()) {
            return Adoption.noTable(TABLE, displayName(), "");
        }
        List<Row> rows = read(connection, table.get());
        Map<FlywayVersion, Row> lastByVersion = new LinkedHashMap<>();
        Map<String, Row> lastRepeatable = new LinkedHashMap<>();
        FlywayVersion baseline = null;
        for (Row row : rows) {
            if (row.type().equals("SCHEMA")) {
                continue;
            }
            Optional<FlywayVersion> version = Optional.ofNullable(row.version()).flatMap(FlywayVersion::parse);
            if (row.baseline() && row.success() && version.isPresent()) {
                baseline = baseline == null || baseline.compareTo(version.get()) < 0 ? version.get() : baseline;
            } else if (version.isPresent()) {
                lastByVersion.put(version.get(), row);
            } else if (row.version() == null && row.script() != null) {
                lastRepeatable.put(row.script(), row);
            }
        }
        refuseFailures(table.get(), lastByVersion.values(), lastRepeatable.values());

        List<Problem> warnings = new ArrayList<>();
        List<Migration> toAdopt = new ArrayList<>();
        Map<String, Migration> files = Adoption.byKey(catalog, tool(), false,
                m -> FlywayVersion.of(m.version().value()).toString());
        Map<FlywayVersion, Migration> byVersion = new HashMap<>();
        files.forEach((key, m) -> FlywayVersion.parse(key).ifPresent(v -> byVersion.putIfAbsent(v, m)));
        for (Map.Entry<FlywayVersion, Row> e : lastByVersion.entrySet()) {
            Row row = e.getValue();
            if (row.undoOrDelete()) {
                continue;
            }
            Migration m = byVersion.get(e.getKey());
            if (m == null) {
                warnings.add(Problem.of(table.get(), "Flyway applied " + row.describe() + ", which no versioned stage lists:"
                        + " it is not adopted" + (row.type().equals("SQL") ? "" : " (a " + row.type() + " migration has"
                        + " no SQL file to import)") + "; if that is on purpose, ignore this"));
                continue;
            }
            toAdopt.add(m);
            if (row.checksum() != null && row.checksum() != FlywayChecksum.of(ImportOrigin.body(m.text()))) {
                warnings.add(Problem.of(m.path(), "differs from what Flyway applied as " + row.describe() + " (checksum "
                        + row.checksum() + " recorded): adopted as applied; check the database matches the file"));
            }
        }
        if (baseline != null) {
            for (Map.Entry<FlywayVersion, Migration> e : byVersion.entrySet()) {
                if (e.getKey().compareTo(baseline) <= 0 && !toAdopt.contains(e.getValue())) {
                    toAdopt.add(e.getValue());
                }
            }
        }
        toAdopt.sort(java.util.Comparator.comparing(Migration::version));
        adoptRepeatables(catalog, lastRepeatable, table.get(), toAdopt, warnings);
        return Adoption.record(connection, history, table.get(), toAdopt, warnings, APPLIED_BY);
    }

    /** Repeatable files whose last Flyway run had today's text; the others run on the next migrate. */
    private void adoptRepeatables(Catalog catalog, Map<String, Row> lastRepeatable, String table, List<Migration> toAdopt,
                                  List<Problem> warnings) {
        Map<String, Migration> files = Adoption.byKey(catalog, tool(), true, m -> "R__" + m.name() + ".sql");
        for (Map.Entry<String, Row> e : lastRepeatable.entrySet()) {
            Row row = e.getValue();
            Migration m = files.get(e.getKey());
            if (row.undoOrDelete()) {
                continue;
            }
            if (m == null) {
                warnings.add(Problem.of(table, "Flyway ran the repeatable " + row.describe() + ", which no repeatable stage"
                        + " lists: it is not adopted; if that is on purpose, ignore this"));
            } else if (row.checksum() != null && row.checksum() == FlywayChecksum.of(ImportOrigin.body(m.text()))) {
                toAdopt.add(m);
            } else {
                warnings.add(Problem.of(m.path(), "changed since Flyway last ran it as " + row.describe() + ": not adopted,"
                        + " so it runs on the next migrate, as Flyway would have run it"));
            }
        }
    }

    /** A failed last row means a migration may be half applied: refuse, saying how to get out. */
    private static void refuseFailures(String table, Iterable<Row> versioned, Iterable<Row> repeatable) {
        List<Problem> failed = new ArrayList<>();
        for (Iterable<Row> rows : List.of(versioned, repeatable)) {
            for (Row row : rows) {
                if (!row.success()) {
                    failed.add(Problem.of(table, "Flyway recorded " + row.describe() + " as failed: it ran without a"
                            + " transaction, so the database may hold part of it. Finish or undo it by hand, remove the"
                            + " failed row ('flyway repair' does), then run 'bascule adopt flyway' again"));
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new BasculeException.ValidationFailed(failed);
        }
    }

    private static List<Row> read(Connection connection, String table) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT installed_rank, version, description, type, script, checksum, success"
                     + " FROM " + table + " ORDER BY installed_rank")) {
            while (rs.next()) {
                int checksum = rs.getInt(6);
                rows.add(new Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.wasNull() ? null : checksum, rs.getBoolean(7)));
            }
        }
        return rows;
    }
}
