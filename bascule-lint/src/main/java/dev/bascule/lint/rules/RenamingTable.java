package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;

/** ALTER TABLE ... RENAME TO on an existing table. */
public final class RenamingTable extends AlterActionRule {

    @Override
    public String id() {
        return "renaming-table";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "An existing table renamed.";
    }

    @Override
    public String why() {
        return "The application version still running during the deploy queries the old name and fails from "
                + "the moment the migration commits.";
    }

    @Override
    public String fix() {
        return "Rename and, in the same transaction, create a view with the old name (a simple view is "
                + "updatable, so old code keeps reading and writing); drop the view once no code uses the old "
                + "name.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (action instanceof AlterAction.RenameTable r) {
            String t = alter.table().toString();
            out.report(index, action.at(), "renaming table " + t + " to " + r.to()
                            + " breaks the application version still running during the deploy",
                    "ALTER TABLE " + t + " RENAME TO " + r.to() + ";\nCREATE VIEW " + t + " AS SELECT * FROM "
                            + r.to() + ";\n-- once no deployed code uses " + t + ":\nDROP VIEW " + t + ";",
                    alter.table());
        }
    }
}
