package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** REINDEX without CONCURRENTLY. */
public final class RequireConcurrentReindex extends StatementRule {

    @Override
    public String id() {
        return "require-concurrent-reindex";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "REINDEX without CONCURRENTLY.";
    }

    @Override
    public String why() {
        return "REINDEX blocks writes to the table and, with its ACCESS EXCLUSIVE lock on the index, every query that would use the index, for the whole rebuild.";
    }

    @Override
    public String fix() {
        return "Use REINDEX ... CONCURRENTLY (PostgreSQL 12+) in a migration of its own, outside a transaction.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.Reindex r && !r.concurrently() && r.target() != null) {
            out.report(index, null, "REINDEX " + r.targetKind() + " " + r.target()
                            + " blocks writes and the queries using the index for the whole rebuild",
                    "-- in a migration of its own, outside a transaction:\nREINDEX " + r.targetKind()
                            + " CONCURRENTLY " + r.target() + ";", r.target());
        }
    }
}
