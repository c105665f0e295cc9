package dev.bascule.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Progress of batched data statements, beside the history table ({@code bascule_schema_migrations_progress} by
 * default): one row per (migration, statement index, file checksum). Each batch updates its row in the batch's own
 * transaction, so a run killed at any moment keeps exactly the batches that committed, and the next run resumes
 * after the last key recorded. Created on first use.
 */
public final class ProgressTable extends SideTable {

    private static final String SUFFIX = "_progress";
    private static final String COLUMNS = "migration, statement_index, checksum, table_name, key_column, last_key,"
            + " rows_done, batches, started_at, updated_at, finished";
    private static final String KEY = "migration = ? AND statement_index = ? AND checksum = ?";

    public ProgressTable(String schema, String table) {
        super(schema, table);
    }

    /** The progress table of a history table: same schema, the history table's name plus {@code _progress}. */
    public static ProgressTable beside(HistoryTable history) {
        return new ProgressTable(history.schema(), nameBeside(history, SUFFIX));
    }

    /**
     * How the progress table knows a migration: its version, or a repeatable file's stage and name (tasks use an
     * identity of their own that no migration can have).
     */
    public static String identity(dev.bascule.catalog.Migration migration) {
        return migration.repeatable() ? migration.stage().name() + "/" + migration.fileName()
                : migration.version().toString();
    }

    @Override
    public void ensureExists(Connection connection) throws SQLException {
        create(connection, "migration text NOT NULL, "
                + "statement_index integer NOT NULL, "
                + "checksum text NOT NULL, "
                + "table_name text, "
                + "key_column text, "
                + "last_key text, "
                + "rows_done bigint NOT NULL DEFAULT 0, "
                + "batches bigint NOT NULL DEFAULT 0, "
                + "started_at timestamptz NOT NULL DEFAULT now(), "
                + "updated_at timestamptz NOT NULL DEFAULT now(), "
                + "finished boolean NOT NULL DEFAULT false, "
                + "PRIMARY KEY (migration, statement_index, checksum)", "Progress of batched data statements run by"
                + " Bascule; the next run resumes from here. Do not edit by hand.");
    }

    /** The row of one statement, if any; an absent table reads as no row. */
    public Optional<BatchProgress> find(Connection connection, ProgressKey key) throws SQLException {
        if (!exists(connection)) {
            return Optional.empty();
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + qualifiedName()
                + " WHERE " + KEY)) {
            bindKey(ps, 1, key);
            List<BatchProgress> rows = read(ps);
            return rows.stream().findFirst();
        }
    }

    /**
     * Records that a batched statement starts (when it has no row yet) and returns its row, possibly one a
     * previous run left. Autocommit.
     */
    public BatchProgress start(Connection connection, ProgressKey key, String tableName, String keyColumn)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + qualifiedName()
                + " (migration, statement_index, checksum, table_name, key_column) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (migration, statement_index, checksum) DO NOTHING")) {
            bindKey(ps, 1, key);
            ps.setString(4, tableName);
            ps.setString(5, keyColumn);
            ps.executeUpdate();
        }
        return find(connection, key).orElseThrow(() -> new SQLException("progress row of " + key + " vanished"));
    }

    /**
     * Moves a statement's position from {@code expectedLast} to {@code newLast}, in the caller's (the batch's)
     * transaction. Returns false, changing nothing, when the row is not at {@code expectedLast} or is finished:
     * another run moved it (or it was cleared), and the caller must roll its batch back. The row lock this takes
     * makes a concurrent run of the same statement wait for this batch and then find the row moved.
     */
    public boolean advance(Connection connection, ProgressKey key, Optional<String> expectedLast,
                           Optional<String> newLast, long rows, boolean finished) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + qualifiedName()
                + " SET last_key = ?, rows_done = rows_done + ?, batches = batches + 1, updated_at = now(),"
                + " finished = ? WHERE " + KEY + " AND NOT finished AND last_key IS NOT DISTINCT FROM ?")) {
            ps.setString(1, newLast.orElse(null));
            ps.setLong(2, rows);
            ps.setBoolean(3, finished);
            bindKey(ps, 4, key);
            if (expectedLast.isPresent()) {
                ps.setString(7, expectedLast.get());
            } else {
                ps.setNull(7, Types.VARCHAR);
            }
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Records a plain step of a script with batched statements as done, in the caller's (the step's) transaction.
     * Returns false when it was already recorded as done.
     */
    public boolean markFinished(Connection connection, ProgressKey key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + qualifiedName()
                + " AS p (migration, statement_index, checksum, finished) VALUES (?, ?, ?, true)"
                + " ON CONFLICT (migration, statement_index, checksum) DO UPDATE SET finished = true,"
                + " updated_at = now() WHERE NOT p.finished")) {
            bindKey(ps, 1, key);
            return ps.executeUpdate() == 1;
        }
    }

    /** Every row of one migration (for {@code status}: rows done, key reached), by statement index. */
    public List<BatchProgress> read(Connection connection, String migration) throws SQLException {
        if (!exists(connection)) {
            return List.of();
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + qualifiedName()
                + " WHERE migration = ? ORDER BY statement_index, started_at")) {
            ps.setString(1, migration);
            return read(ps);
        }
    }

    /** Every row, by migration and statement index. */
    public List<BatchProgress> readAll(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return List.of();
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + qualifiedName()
                + " ORDER BY migration, statement_index, started_at")) {
            return read(ps);
        }
    }

    /** Forgets a migration's progress (every checksum), so its batched statements start over; returns rows removed. */
    public int clear(Connection connection, String migration) throws SQLException {
        if (!exists(connection)) {
            return 0;
        }
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + qualifiedName()
                + " WHERE migration = ?")) {
            ps.setString(1, migration);
            return ps.executeUpdate();
        }
    }

    private static void bindKey(PreparedStatement ps, int first, ProgressKey key) throws SQLException {
        ps.setString(first, key.migration());
        ps.setInt(first + 1, key.statementIndex());
        ps.setString(first + 2, key.checksum());
    }

    private static List<BatchProgress> read(PreparedStatement ps) throws SQLException {
        List<BatchProgress> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new BatchProgress(new ProgressKey(rs.getString(1), rs.getInt(2), rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)), Optional.ofNullable(rs.getString(5)),
                        Optional.ofNullable(rs.getString(6)), rs.getLong(7), rs.getLong(8),
                        rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class),
                        rs.getBoolean(11)));
            }
        }
        return rows;
    }
}
