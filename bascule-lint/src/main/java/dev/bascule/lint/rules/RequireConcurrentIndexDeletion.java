package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** DROP INDEX without CONCURRENTLY. */
public final class RequireConcurrentIndexDeletion extends StatementRule {

    @Override
    public String id() {
        return "require-concurrent-index-deletion";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "DROP INDEX without CONCURRENTLY.";
    }

    @Override
    public String why() {
        return "A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: while it waits for "
                + "running queries to finish, every new read and write of the table queues behind it.";
    }

    @Override
    public String fix() {
        return "Use DROP INDEX CONCURRENTLY in a migration of its own (it cannot run inside a transaction).";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.DropIndex di && !di.concurrently()) {
            out.report(index, null, "DROP INDEX " + di.indexes().get(0)
                            + " takes an ACCESS EXCLUSIVE lock on its table, blocking reads and writes",
                    "-- in a migration of its own, outside a transaction:\n"
                            + m.statement(index).insertAfter(m.statement(index).tokens().get(1), "CONCURRENTLY"),
                    null);
        }
    }
}
