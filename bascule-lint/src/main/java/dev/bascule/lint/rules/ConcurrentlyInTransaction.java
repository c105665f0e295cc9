package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.SqlStatement;
import dev.bascule.sql.StatementKind;

/**
 * A statement the script engine classifies as refused inside a transaction block
 * ({@link dev.bascule.sql.Statement#mustRunOutsideTransaction}, the runner's own test) inside one: an explicit
 * BEGIN ... COMMIT, a DO block, or the transaction the runner wraps around a file without
 * {@code -- bascule:no-transaction}.
 */
public final class ConcurrentlyInTransaction extends StatementRule {

    @Override
    public String id() {
        return "concurrently-in-transaction";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A statement PostgreSQL refuses inside a transaction (CREATE/DROP INDEX CONCURRENTLY, REINDEX "
                + "CONCURRENTLY, VACUUM, DETACH PARTITION CONCURRENTLY, ...) inside one: BEGIN ... COMMIT, a DO "
                + "block, or a migration without -- bascule:no-transaction.";
    }

    @Override
    public String why() {
        return "PostgreSQL refuses these statements inside a transaction block or a function (ERROR: ... cannot "
                + "run inside a transaction block): the migration fails in production after its earlier "
                + "statements ran. The runner refuses such a file before running anything; this says so earlier.";
    }

    @Override
    public String fix() {
        return "Put the statement in a migration of its own whose header holds -- bascule:no-transaction (the "
                + "runner then runs it in autocommit), outside any BEGIN ... COMMIT and outside DO blocks.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        SqlStatement s = m.statement(index);
        String where;
        if (s.embedded()) {
            // Inside a DO block every statement runs in a function context, which refuses these always.
            where = s.kind() == StatementKind.NO_TRANSACTION ? "inside a DO block" : null;
        } else if (s.source().mustRunOutsideTransaction(m.context().serverVersionNum()) && m.transaction(index) >= 0) {
            where = m.inExplicitTransaction(index) ? "inside BEGIN ... COMMIT"
                    : "inside the transaction the runner wraps around this file";
        } else {
            where = null;
        }
        if (where != null) {
            out.report(index, null, "cannot run " + where + "; this migration will fail",
                    "-- bascule:no-transaction\n-- (header of a migration file holding only:)\n" + s.sql(), null);
        }
    }
}
