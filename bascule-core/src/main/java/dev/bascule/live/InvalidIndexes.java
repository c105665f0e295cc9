package dev.bascule.live;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and drops the invalid index a failed {@code CREATE INDEX CONCURRENTLY} leaves behind.
 *
 * <p>A failed CIC (lock timeout, duplicate key, cancel) keeps its catalog entry: an invalid index that is still
 * maintained on every write and blocks running the same migration again ("relation already exists", or silently
 * nothing with {@code IF NOT EXISTS}). The way to find it:
 * <ol>
 *   <li>{@link #find} the invalid indexes before the statement runs;</li>
 *   <li>when it fails, {@link #leftBy} compares with the invalid indexes after, keeping those with the statement's
 *   index name and table (read from the statement) — this also catches the generated name of an unnamed CIC
 *   ({@code moves_status_idx1} ...) and the {@code _ccnew} indexes of a failed {@code REINDEX CONCURRENTLY};</li>
 *   <li>{@link #drop} each with {@code DROP INDEX CONCURRENTLY IF EXISTS}.</li>
 * </ol>
 * Without a "before" list (a run that crashed), {@link #namedIn} finds the index a named CIC would have created.
 *
 * <p>An index that another session's CIC is building right now is invalid too. Comparing before and after, and
 * matching name and table, keeps those out unless another session starts a CIC on the same table between our
 * failure and the look.
 */
public final class InvalidIndexes {

    private static final String SELECT = """
            SELECT n.nspname, c.relname, t.relname, pg_get_indexdef(c.oid)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_class t ON t.oid = i.indrelid
            WHERE NOT i.indisvalid
            """;

    private InvalidIndexes() {
    }

    /**
     * The invalid indexes in {@code schemas}, or in every schema but {@code pg_catalog}, {@code information_schema}
     * and temporary ones when {@code schemas} is empty; ordered by schema and name.
     */
    public static List<InvalidIndex> find(Connection connection, Collection<String> schemas) throws SQLException {
        String sql = SELECT + (schemas.isEmpty()
                ? " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_temp\\_%'"
                  + " AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'"
                : " AND n.nspname = ANY (?)") + " ORDER BY 1, 2";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            if (!schemas.isEmpty()) {
                Array array = connection.createArrayOf("text", schemas.toArray());
                st.setArray(1, array);
            }
            return read(st);
        }
    }

    /**
     * The invalid indexes that {@code statement} left: those in {@code after} but not in {@code before}, narrowed to
     * the index name and table the statement names when it is a {@code CREATE INDEX CONCURRENTLY}. For any other
     * statement ({@code REINDEX CONCURRENTLY} ...) every new invalid index is returned.
     *
     * @param before what {@link #find} returned before the statement ran, with the same {@code schemas}
     */
    public static List<InvalidIndex> leftBy(Connection connection, String statement, List<InvalidIndex> before,
                                            Collection<String> schemas) throws SQLException {
        Set<InvalidIndex> old = new HashSet<>(before);
        Optional<IndexStatement> creates = IndexStatement.parseConcurrentCreate(statement);
        List<InvalidIndex> left = new ArrayList<>();
        for (InvalidIndex index : find(connection, schemas)) {
            if (!old.contains(index) && creates.map(c -> c.couldHaveCreated(index)).orElse(true)) {
                left.add(index);
            }
        }
        return left;
    }

    /**
     * The invalid index a named {@code CREATE INDEX CONCURRENTLY} would have created, looked up by its name on its
     * table (an unqualified table is resolved with the connection's search path). Empty when there is none, when the
     * statement is no CIC, or when it names no index (then only {@link #leftBy} can tell).
     */
    public static Optional<InvalidIndex> namedIn(Connection connection, String statement) throws SQLException {
        Optional<IndexStatement> creates = IndexStatement.parseConcurrentCreate(statement);
        if (creates.isEmpty() || creates.get().indexName() == null || creates.get().table() == null) {
            return Optional.empty();
        }
        IndexStatement cic = creates.get();
        String table = (cic.tableSchema() == null ? "" : InvalidIndex.quote(cic.tableSchema()) + ".")
                + InvalidIndex.quote(cic.table());
        try (PreparedStatement st = connection.prepareStatement(SELECT + " AND i.indrelid = to_regclass(?) AND c.relname = ?")) {
            st.setString(1, table);
            st.setString(2, cic.indexName());
            return read(st).stream().findFirst();
        }
    }

    /**
     * Drops {@code index} with {@code DROP INDEX CONCURRENTLY IF EXISTS}, which takes no lock that blocks reads or
     * writes but waits for transactions using the table: the session's {@code lock_timeout} bounds that wait.
     *
     * @throws IllegalStateException when {@code connection} is inside a transaction (PostgreSQL refuses it there)
     */
    public static void drop(Connection connection, InvalidIndex index) throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new IllegalStateException("cannot drop invalid index " + index + ": DROP INDEX CONCURRENTLY must run"
                    + " outside a transaction; use a connection in autocommit mode");
        }
        try (Statement st = connection.createStatement()) {
            st.execute(index.dropStatement());
        }
    }

    private static List<InvalidIndex> read(PreparedStatement st) throws SQLException {
        List<InvalidIndex> found = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                found.add(new InvalidIndex(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return found;
    }
}
