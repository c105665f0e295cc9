package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;

/** DETACH PARTITION without CONCURRENTLY. */
public final class RequireConcurrentDetachPartition extends AlterActionRule {

    @Override
    public String id() {
        return "require-concurrent-detach-partition";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ALTER TABLE ... DETACH PARTITION without CONCURRENTLY.";
    }

    @Override
    public String why() {
        return "A plain DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table: reads and "
                + "writes of every partition wait.";
    }

    @Override
    public String fix() {
        return "Use DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+), in a migration of its own outside a "
                + "transaction; it takes only SHARE UPDATE EXCLUSIVE.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (action instanceof AlterAction.DetachPartition d && !d.concurrently()) {
            out.report(index, action.at(), "DETACH PARTITION " + d.partition() + " locks " + alter.table()
                            + " ACCESS EXCLUSIVE, blocking reads and writes of all its partitions",
                    "-- in a migration of its own, outside a transaction:\nALTER TABLE " + alter.table()
                            + " DETACH PARTITION " + d.partition() + " CONCURRENTLY;", alter.table());
        }
    }
}
