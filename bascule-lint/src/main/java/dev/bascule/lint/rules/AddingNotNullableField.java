package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;

/** ADD COLUMN ... NOT NULL without a DEFAULT on an existing table. */
public final class AddingNotNullableField extends AlterActionRule {

    @Override
    public String id() {
        return "adding-not-nullable-field";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A NOT NULL column without a DEFAULT added to an existing table.";
    }

    @Override
    public String why() {
        return "Existing rows have no value for the new column, so the statement fails on any table that is not "
                + "empty; and code still running the old version inserts rows without it, which then fail too.";
    }

    @Override
    public String fix() {
        return "Give it a constant DEFAULT (PostgreSQL 11+ stores it without rewriting the table), or add it "
                + "nullable, backfill in batches and then add NOT NULL through a validated CHECK.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (action instanceof AlterAction.AddColumn add) {
            ColumnDef col = add.column();
            if (col.notNull() && !col.hasDefault() && !col.identity() && !col.generatedStored()) {
                String t = alter.table().toString();
                out.report(index, action.at(), "NOT NULL column " + t + "." + col.name()
                                + " has no DEFAULT: fails on a non-empty table and breaks inserts from old code",
                        "ALTER TABLE " + t + " ADD COLUMN " + col.name() + " " + col.type()
                                + " NOT NULL DEFAULT <constant>;\n-- or: add it nullable, backfill in batches, then\n"
                                + "ALTER TABLE " + t + " ADD CONSTRAINT " + t + "_" + col.name()
                                + "_not_null CHECK (" + col.name() + " IS NOT NULL) NOT VALID;",
                        alter.table());
            }
        }
    }
}
