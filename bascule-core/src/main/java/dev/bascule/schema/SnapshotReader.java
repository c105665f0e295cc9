package dev.bascule.schema;

import dev.bascule.error.BasculeException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link SchemaSnapshot}: fixes the session settings that change how PostgreSQL prints definitions, then
 * runs one query per kind of catalog row (about twenty, whatever the size of the schema).
 *
 * <p><b>Settings.</b> {@code search_path} is empty for the duration, so every name that is not in
 * {@code pg_catalog} comes out schema-qualified ({@code public.move_status}, {@code nextval('public.s'::regclass)})
 * whatever the caller's path; {@code DateStyle}, {@code IntervalStyle}, {@code TimeZone},
 * {@code extra_float_digits}, {@code bytea_output}, {@code lc_monetary} and {@code standard_conforming_strings}
 * fix how constants in defaults, partition bounds and view bodies are printed.
 *
 * <p><b>PostgreSQL versions.</b> The queries run on 13 to 18. The fixture of the tests (every kind of object)
 * gives byte-identical snapshots on 16, 17 and 18, and on 13 to 15 differs from them only in view bodies:
 * {@code pg_get_viewdef} on 15 and earlier qualifies columns with their table name even when the view reads one
 * table ({@code SELECT moves.id ... FROM app.moves}), 16 and later do not. Rewriting SQL text to hide that would
 * not be safe, so a schema file written on 15 shows its views as changed against a 16 server. Normalised here:
 * the {@code IN} that 14+ prints before procedure arguments (13 does not); NOT NULL constraints, catalogued from 18
 * on, are left out (the column says {@code NOT NULL}), except one added NOT VALID (new in 18), which is listed as a
 * constraint while its column does not say NOT NULL. Functions are described from {@code pg_proc} columns and
 * their source text as written rather than by {@code pg_get_functiondef}, whose layout is not the snapshot's to
 * control; SQL-standard bodies ({@code BEGIN ATOMIC}, 14+) come from {@code pg_get_function_sqlbody} and were
 * identical on 14 to 18. Only with the optional details: the {@code public} schema is owned by
 * {@code pg_database_owner} without CREATE for PUBLIC from 15 on ({@code postgres}, {@code =UC} before),
 * PostgreSQL 17 adds the MAINTAIN privilege ({@code m}), and extension versions follow the server's packages
 * (pgcrypto 1.3 on 13 to 17, 1.4 on 18).
 */
final class SnapshotReader {

    private static final int OLDEST_SERVER = 130000;
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";

    private final Connection connection;
    private final SnapshotOptions options;

    SnapshotReader(Connection connection, SnapshotOptions options) {
        this.connection = connection;
        this.options = options;
    }

    SchemaSnapshot read() throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        Savepoint savepoint = null;
        if (autoCommit) {
            connection.setAutoCommit(false);
            execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        } else {
            savepoint = connection.setSavepoint();
        }
        SchemaSnapshot snapshot;
        try {
            snapshot = readInTransaction();
        } catch (SQLException | RuntimeException e) {
            try {
                restore(autoCommit, savepoint);
            } catch (SQLException restoreFailure) {
                e.addSuppressed(restoreFailure);
                throw e;
            }
            if (e instanceof SQLException sql && (LOCK_NOT_AVAILABLE.equals(sql.getSQLState())
                    || QUERY_CANCELED.equals(sql.getSQLState()))) {
                throw new SQLException(sql.getMessage() + " (" + lockHolders() + ")", sql.getSQLState(), sql);
            }
            throw e;
        }
        restore(autoCommit, savepoint);
        return snapshot;
    }

    /** Rolling back also undoes the transaction-local settings; the snapshot changed nothing else. */
    private void restore(boolean autoCommit, Savepoint savepoint) throws SQLException {
        if (autoCommit) {
            connection.rollback();
            connection.setAutoCommit(true);
        } else {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        }
    }

    /**
     * Who holds the strong relation locks that stop a snapshot ({@code pg_get_viewdef} takes ACCESS SHARE on the
     * tables a view reads): a migration's ALTER TABLE in a transaction left open, typically.
     */
    private String lockHolders() {
        List<String> holders = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            st.setQueryTimeout((int) Math.max(1, options.timeout().toSeconds()));
            try (ResultSet rs = st.executeQuery("SELECT l.pid,"
                    + " pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname), a.state, a.application_name"
                    + " FROM pg_catalog.pg_locks l LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
                    + " JOIN pg_catalog.pg_class c ON c.oid = l.relation JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE l.granted AND l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock'"
                    + " AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())"
                    + " AND l.pid <> pg_catalog.pg_backend_pid() ORDER BY l.pid, 2")) {
                while (rs.next()) {
                    holders.add("pid " + rs.getInt(1) + " holds ACCESS EXCLUSIVE on " + rs.getString(2) + " ("
                            + rs.getString(3) + (rs.getString(4) == null || rs.getString(4).isEmpty() ? "" : ", " + rs.getString(4)) + ")");
                }
            }
        } catch (SQLException e) {
            return "the lock holders could not be read: " + e.getMessage();
        }
        return holders.isEmpty() ? "no other session holds an ACCESS EXCLUSIVE lock now"
                : "waiting for: " + String.join("; ", holders);
    }

    private SchemaSnapshot readInTransaction() throws SQLException {
        long timeoutMs = options.timeout().toMillis();
        int version;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_catalog.set_config('search_path', '', true),"
                     + " pg_catalog.set_config('statement_timeout', '" + 2 * timeoutMs + "', true),"
                     + " pg_catalog.set_config('lock_timeout', '" + timeoutMs + "', true),"
                     + " pg_catalog.set_config('DateStyle', 'ISO, MDY', true),"
                     + " pg_catalog.set_config('IntervalStyle', 'postgres', true),"
                     + " pg_catalog.set_config('TimeZone', 'UTC', true),"
                     + " pg_catalog.set_config('extra_float_digits', '1', true),"
                     + " pg_catalog.set_config('bytea_output', 'hex', true),"
                     + " pg_catalog.set_config('lc_monetary', 'C', true),"
                     + " pg_catalog.set_config('standard_conforming_strings', 'on', true),"
                     + " pg_catalog.set_config('quote_all_identifiers', 'off', true),"
                     + " pg_catalog.current_setting('server_version_num')::int")) {
            rs.next();
            version = rs.getInt(12);
        }
        if (version < OLDEST_SERVER) {
            throw new BasculeException.Configuration("a schema snapshot needs PostgreSQL 13 or later; this server is "
                    + version / 10000 + " (server_version_num " + version + ")");
        }
        ReadContext context = new ReadContext(new CatalogSession(connection, version), options);
        new NamespaceReader(context).read();
        new TypeReader(context).read();
        new RelationReader(context).read();
        new ColumnReader(context).read();
        new RelationPartsReader(context).read();
        new IndexAndSequenceReader(context).read();
        new RoutineReader(context).read();
        return new SchemaSnapshot(options.details(), context.objects().stream()
                .filter(o -> !isEmptyHistorySchema(o, context.objects()))
                .map(ObjectBuilder::build).toList());
    }

    /** A schema other than public that holds nothing but Bascule's own tables is Bascule's. */
    private boolean isEmptyHistorySchema(ObjectBuilder object, List<ObjectBuilder> all) {
        return object.kind() == ObjectKind.SCHEMA && options.historySchema().equals(object.schema())
                && !options.historySchema().equals("public")
                && all.stream().noneMatch(o -> o != object && options.historySchema().equals(o.schema()));
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }
}
