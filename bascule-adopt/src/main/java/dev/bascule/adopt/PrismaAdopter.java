package dev.bascule.adopt;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Checksums;
import dev.bascule.catalog.Migration;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.history.HistoryTable;
import dev.bascule.run.HistoryAdopter;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adopts Prisma Migrate's {@code _prisma_migrations}: a migration is applied when one of its rows has
 * {@code finished_at} set and {@code rolled_back_at} empty. A row with neither is a failed migration Prisma
 * itself refuses to go past: so does this, pointing at {@code prisma migrate resolve}. Rows are matched to files
 * by migration name, the folder {@code <timestamp>_<name>} the file was imported from; a file whose text differs
 * from the checksum Prisma recorded (SHA-256 of migration.sql) is adopted with a warning.
 */
public final class PrismaAdopter implements HistoryAdopter {

    static final String TABLE = "_prisma_migrations";
    static final String APPLIED_BY = "prisma-adopt";

    @Override
    public String tool() {
        return "prisma";
    }

    @Override
    public String displayName() {
        return "Prisma";
    }

    @Override
    public boolean detect(Connection connection) throws SQLException {
        return Adoption.table(connection, TABLE).isPresent();
    }

    private record Row(String name, String checksum, boolean finished, boolean rolledBack, String startedAt) {
    }

    @Override
    public Result adopt(Connection connection, Catalog catalog, HistoryTable history) throws SQLException {
        Optional<String> table = Adoption.table(connection, TABLE);
        if (table.isEmpty()) {
            return Adoption.noTable(TABLE, displayName(), "");
        }
        List<Row> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT migration_name, checksum, finished_at IS NOT NULL,"
                     + " rolled_back_at IS NOT NULL, started_at::text FROM " + table.get() + " ORDER BY started_at, migration_name")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), rs.getString(5)));
            }
        }
        List<Problem> failed = new ArrayList<>();
        Map<String, Row> applied = new LinkedHashMap<>();
        for (Row row : rows) {
            if (!row.finished() && !row.rolledBack()) {
                failed.add(Problem.of(table.get(), "Prisma recorded migration " + row.name() + " (started " + row.startedAt()
                        + ") as failed: the database may hold part of it. Fix the database, then mark it with 'prisma"
                        + " migrate resolve --applied " + row.name() + "' (or --rolled-back), and run 'bascule adopt"
                        + " prisma' again"));
            } else if (row.finished() && !row.rolledBack()) {
                applied.putIfAbsent(row.name(), row);
            }
        }
        if (!failed.isEmpty()) {
            throw new BasculeException.ValidationFailed(failed);
        }
        Map<String, Migration> files = Adoption.byKey(catalog, tool(), false, PrismaAdopter::folderName);
        List<Migration> toAdopt = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        for (Row row : applied.values()) {
            Migration m = files.get(row.name());
            if (m == null) {
                warnings.add(Problem.of(table.get(), "Prisma applied migration " + row.name() + ", which no versioned"
                        + " stage lists: it is not adopted; if its folder was removed on purpose, ignore this"));
                continue;
            }
            toAdopt.add(m);
            String checksum = Checksums.sha256(ImportOrigin.body(m.text()).getBytes(StandardCharsets.UTF_8));
            if (!checksum.equalsIgnoreCase(row.checksum())) {
                warnings.add(Problem.of(m.path(), "differs from the migration.sql Prisma applied as " + row.name()
                        + ": adopted as applied; check the database matches the file"));
            }
        }
        toAdopt.sort(java.util.Comparator.comparing(Migration::version));
        return Adoption.record(connection, history, table.get(), toAdopt, warnings, APPLIED_BY);
    }

    /** {@code 20240101120000_init.up.sql} answers to Prisma's {@code 20240101120000_init}. */
    private static String folderName(Migration m) {
        String name = m.fileName();
        int up = name.lastIndexOf(".up.");
        return up < 0 ? name : name.substring(0, up);
    }
}
