package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;

/** ADD COLUMN ... GENERATED ALWAYS AS (...) STORED on an existing table. */
public final class AddingStoredGeneratedColumn extends AlterActionRule {

    @Override
    public String id() {
        return "adding-stored-generated-column";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A stored generated column added to an existing table.";
    }

    @Override
    public String why() {
        return "Every existing row must get the computed value, so the table is rewritten under an ACCESS "
                + "EXCLUSIVE lock: reads and writes stop for the duration.";
    }

    @Override
    public String fix() {
        return "Add a plain nullable column, keep it filled with a trigger for new rows, backfill old rows in "
                + "batches; or compute the value in a view or the application.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (action instanceof AlterAction.AddColumn add && add.column().generatedStored()) {
            String t = alter.table().toString();
            String c = add.column().name();
            out.report(index, action.at(), "stored generated column " + t + "." + c
                            + " rewrites the whole table under an ACCESS EXCLUSIVE lock",
                    "ALTER TABLE " + t + " ADD COLUMN " + c + " " + add.column().type() + ";\n"
                            + "-- fill new rows with a BEFORE INSERT OR UPDATE trigger, then backfill in batches:\n"
                            + "UPDATE " + t + " SET " + c + " = <expression> WHERE id IN (SELECT id FROM " + t
                            + " WHERE " + c + " IS NULL LIMIT 10000);",
                    alter.table());
        }
    }
}
