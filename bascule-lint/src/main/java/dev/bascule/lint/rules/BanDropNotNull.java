package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;

/** ALTER COLUMN ... DROP NOT NULL on an existing table. */
public final class BanDropNotNull extends AlterActionRule {

    @Override
    public String id() {
        return "ban-drop-not-null";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "DROP NOT NULL on a column of an existing table.";
    }

    @Override
    public String why() {
        return "The lock is brief, but code written against the old contract (non-nullable types, no NULL "
                + "checks) starts reading NULLs it cannot handle once new code writes them.";
    }

    @Override
    public String fix() {
        return "Make every reader NULL-safe first, then drop the constraint in a later release.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (action instanceof AlterAction.DropNotNull d) {
            String t = alter.table().toString();
            out.report(index, action.at(), "DROP NOT NULL on " + t + "." + d.column()
                            + " lets NULLs reach code that assumes there are none",
                    "-- after every reader of " + t + "." + d.column() + " handles NULL:\n"
                            + m.statement(index).sql(), alter.table());
        }
    }
}
