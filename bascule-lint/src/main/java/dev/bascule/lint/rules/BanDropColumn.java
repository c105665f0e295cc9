package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;

/** DROP COLUMN on an existing table. */
public final class BanDropColumn extends AlterActionRule {

    @Override
    public String id() {
        return "ban-drop-column";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A column of an existing table dropped.";
    }

    @Override
    public String why() {
        return "The data is gone for good, and the application version still running (ORMs that SELECT * or "
                + "name every column) fails as soon as the column disappears.";
    }

    @Override
    public String fix() {
        return "First deploy code that neither reads nor writes the column (e.g. mark it ignored in the ORM); "
                + "drop it in a later migration, after a backup if the data may be needed.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (action instanceof AlterAction.DropColumn d) {
            String t = alter.table().toString();
            out.report(index, action.at(), "dropping " + t + "." + d.column()
                            + " loses its data and breaks code still using it",
                    "-- release 1: deploy code that no longer reads or writes " + t + "." + d.column() + "\n"
                            + "-- release 2, after a backup:\nALTER TABLE " + t + " DROP COLUMN IF EXISTS "
                            + d.column() + ";",
                    alter.table());
        }
    }
}
