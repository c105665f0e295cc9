package dev.bascule.lint.rules;

import dev.bascule.lint.MigrationFile;
import dev.bascule.lint.Severity;
import dev.bascule.lint.parse.Ddl;

/** CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY or DETACH ... CONCURRENTLY inside BEGIN ... COMMIT. */
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
        return "A CONCURRENTLY operation inside an explicit transaction block.";
    }

    @Override
    public String why() {
        return "PostgreSQL refuses CONCURRENTLY inside a transaction block (ERROR: ... cannot run inside a "
                + "transaction block): the migration fails in production after its earlier statements ran.";
    }

    @Override
    public String fix() {
        return "Move the statement out of BEGIN ... COMMIT, into a migration of its own; the runner then runs "
                + "it without a transaction.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        boolean concurrently = (ddl instanceof Ddl.CreateIndex c && c.concurrently())
                || (ddl instanceof Ddl.DropIndex d && d.concurrently())
                || (ddl instanceof Ddl.Reindex r && r.concurrently());
        if (concurrently && m.inExplicitTransaction(index)) {
            out.report(index, null, "CONCURRENTLY cannot run inside BEGIN ... COMMIT; this migration will fail",
                    "-- a migration file holding only:\n" + m.statement(index).sql(), null);
        }
    }
}
