package dev.bascule.lint.rules;

import dev.bascule.lint.MigrationFile;
import dev.bascule.lint.Severity;
import dev.bascule.lint.parse.Ddl;

/**
 * CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, DETACH ... CONCURRENTLY or VACUUM inside a transaction:
 * an explicit BEGIN ... COMMIT, or the transaction the runner wraps around a file without
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
        return "A CONCURRENTLY operation (or VACUUM) inside a transaction: BEGIN ... COMMIT, or a migration "
                + "without -- bascule:no-transaction.";
    }

    @Override
    public String why() {
        return "PostgreSQL refuses CONCURRENTLY inside a transaction block (ERROR: ... cannot run inside a "
                + "transaction block): the migration fails in production after its earlier statements ran.";
    }

    @Override
    public String fix() {
        return "Put the statement in a migration of its own whose header holds -- bascule:no-transaction (the "
                + "runner then runs it in autocommit), outside any BEGIN ... COMMIT.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (MigrationFile.cannotRunInTransaction(ddl) && m.transaction(index) >= 0) {
            String where = m.inExplicitTransaction(index) ? "inside BEGIN ... COMMIT"
                    : "inside the transaction the runner wraps around this file";
            out.report(index, null, "cannot run " + where + "; this migration will fail",
                    "-- bascule:no-transaction\n-- (header of a migration file holding only:)\n"
                            + m.statement(index).sql(), null);
        }
    }
}
