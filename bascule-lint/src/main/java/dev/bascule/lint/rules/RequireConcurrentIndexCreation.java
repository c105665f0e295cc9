package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.sql.Token;

/** CREATE INDEX without CONCURRENTLY on a table that already holds data. */
public final class RequireConcurrentIndexCreation extends StatementRule {

    @Override
    public String id() {
        return "require-concurrent-index-creation";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "CREATE INDEX without CONCURRENTLY on an existing table.";
    }

    @Override
    public String why() {
        return "A plain CREATE INDEX holds a SHARE lock on the table for the whole build: every INSERT, UPDATE "
                + "and DELETE waits until the index is complete, minutes on a large table.";
    }

    @Override
    public String fix() {
        return "Build it with CREATE INDEX CONCURRENTLY, in a migration of its own (it cannot run inside a "
                + "transaction). If the build fails it leaves an INVALID index: drop it and retry.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.CreateIndex ci && !ci.concurrently() && m.isLive(ci.table(), index)) {
            Token indexWord = m.statement(index).tokens().get(ci.unique() ? 2 : 1);
            out.report(index, null, "CREATE INDEX on " + (m.isExisting(ci.table(), index) ? "existing" : "filled, committed") + " table " + ci.table()
                            + " blocks writes to it for the whole index build",
                    "-- in a migration of its own, outside a transaction:\n"
                            + m.statement(index).insertAfter(indexWord, "CONCURRENTLY"), ci.table());
        }
    }
}
