package dev.bascule.run;

import dev.bascule.catalog.Migration;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.history.HistoryTable;
import dev.bascule.history.ProgressTable;
import dev.bascule.run.audit.AuditScope;
import dev.bascule.run.batch.BatchedScriptPlan;
import dev.bascule.run.batch.BatchedScriptRunner;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A migration holding {@code -- bascule:batch} statements: it cannot be one transaction, so it runs as the batch
 * engine's steps (each batch and each stretch of plain statements in its own transaction, progress recorded in the
 * same transaction), its history row written when the last step commits. Before each batch with {@code max-lag} the
 * throttle waits for replicas and autovacuum; after each batch the listener hears the progress ({@link BatchHooks}).
 */
final class BatchedMigration {

    private final Connection connection;
    private final Database database;
    private final HistoryTable history;
    private final MigrationListener listener;

    BatchedMigration(Connection connection, Database database, HistoryTable history, MigrationListener listener) {
        this.connection = connection;
        this.database = database;
        this.history = history;
        this.listener = listener;
    }

    long run(PreparedMigration prepared, long start, AuditScope audit) throws SQLException {
        Migration migration = prepared.migration();
        connection.setAutoCommit(true);
        long[] ms = new long[1];
        BatchedScriptPlan plan = BatchedScriptPlan.of(prepared.script());
        try (BatchHooks hooks = new BatchHooks(database, listener, plan, new BatchHooks.Source(migration.fileName(),
                migration.path(), migration.secret(), "migrate"), audit, () -> { }, event -> listener.batch(migration, event))) {
            new BatchedScriptRunner(ProgressTable.beside(history)).run(connection, plan,
                    progressIdentity(migration), migration.checksum(),
                    (c, statement) -> {
                        hooks.beforePlainStatement(statement);
                        StatementExecutor.execute(c, "migration " + migration.fileName(), migration.secret(), statement, audit);
                    },
                    hooks,
                    c -> {
                        ms[0] = (System.nanoTime() - start) / 1_000_000;
                        history.insert(c, migration, ms[0], true);
                        if (migration.repeatable()) {
                            // A repeatable file runs again whole next time: steps recorded done must not be skipped.
                            ProgressTable.beside(history).clear(c, progressIdentity(migration));
                        }
                    }, migration.secret());
            audit.committed();
        } catch (dev.bascule.error.SourceSyntaxError e) {
            // Found only at run time: a key that does not fit (the table is created by an earlier migration, say).
            audit.rolledBack();
            throw new BasculeException.MigrationFailed(e.getMessage() + "\nThe steps done before it stay recorded: fix the"
                    + " directive and run migrate again to resume.", e.sourceName(), e.line(), null, null);
        } catch (RuntimeException e) {
            audit.rolledBack();
            throw e;
        }
        return ms[0];
    }

    /** How the progress table knows this migration: its version, or a repeatable file's stage and name. */
    static String progressIdentity(Migration migration) {
        return ProgressTable.identity(migration);
    }
}
