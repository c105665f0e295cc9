package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;

/** RENAME COLUMN on an existing table. */
public final class RenamingColumn extends AlterActionRule {

    @Override
    public String id() {
        return "renaming-column";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A column of an existing table renamed.";
    }

    @Override
    public String why() {
        return "During a rolling deploy the old code is still running and still uses the old name: every query "
                + "it sends touching the column fails from the moment the migration commits.";
    }

    @Override
    public String fix() {
        return "Expand and contract: add the new column, write to both, backfill, move reads to the new column, "
                + "stop writing the old one, drop it in a later release.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (action instanceof AlterAction.RenameColumn r) {
            String t = alter.table().toString();
            var known = m.columnType(alter.table(), r.from());
            String type = known != null ? known.toString() : "<type of " + r.from() + ">";
            out.report(index, action.at(), "renaming " + t + "." + r.from() + " to " + r.to()
                            + " breaks the application version still running during the deploy",
                    "ALTER TABLE " + t + " ADD COLUMN " + r.to() + " " + type + ";\n"
                            + "-- write both columns (trigger or code), backfill in batches:\n"
                            + "UPDATE " + t + " SET " + r.to() + " = " + r.from() + " WHERE id IN (SELECT id FROM "
                            + t + " WHERE " + r.to() + " IS NULL LIMIT 10000);\n"
                            + "-- move reads to " + r.to() + "; in a later release:\nALTER TABLE " + t
                            + " DROP COLUMN " + r.from() + ";",
                    alter.table());
        }
    }
}
