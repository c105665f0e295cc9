package dev.bascule.schema;

import dev.bascule.error.BasculeException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
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
 * <p><b>PostgreSQL versions.</b> The queries run on 13 to 18. Known differences between versions for the same
 * DDL: view bodies come from {@code pg_get_viewdef}, whose layout has changed between major versions for some
 * constructs; SQL-standard function bodies ({@code BEGIN ATOMIC}, 14+) are deparsed by
 * {@code pg_get_function_sqlbody}, likewise; functions are otherwise described from {@code pg_proc} columns
 * and their source text exactly as written, not from {@code pg_get_functiondef}, whose layout is not the
 * snapshot's to control; 18 records NOT NULL as constraints, which the snapshot leaves out (the column says
 * {@code NOT NULL}); with {@link Detail#OWNERSHIP} and {@link Detail#GRANTS}, the {@code public} schema's owner
 * and privileges differ from 15 on, and 17 adds the MAINTAIN privilege.
 */
final class SnapshotReader {

    private static final int OLDEST_SERVER = 130000;

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
        try {
            return readInTransaction();
        } finally {
            // Rolling back also undoes the transaction-local settings; the snapshot changed nothing else.
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
            } else {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
            }
        }
    }

    private SchemaSnapshot readInTransaction() throws SQLException {
        long timeoutMs = options.timeout().toMillis();
        int version;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_catalog.set_config('search_path', '', true),"
                     + " pg_catalog.set_config('statement_timeout', '" + timeoutMs + "', true),"
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
