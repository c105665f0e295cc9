package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;

/** ALTER COLUMN ... SET NOT NULL on an existing table. */
public final class SettingNotNull extends AlterActionRule {

    @Override
    public String id() {
        return "setting-not-null";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "SET NOT NULL on a column of an existing table.";
    }

    @Override
    public String why() {
        return "SET NOT NULL scans the whole table to prove there is no NULL while holding an ACCESS EXCLUSIVE "
                + "lock: no reads, no writes until it finishes.";
    }

    @Override
    public String fix() {
        return "Add CHECK (col IS NOT NULL) NOT VALID, validate it in a later migration (no blocking lock), then "
                + "SET NOT NULL: PostgreSQL 12+ sees the valid check and skips the scan. Drop the check after.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (action instanceof AlterAction.SetNotNull set) {
            String t = alter.table().toString();
            String check = t + "_" + set.column() + "_not_null";
            out.report(index, action.at(), "SET NOT NULL on " + t + "." + set.column()
                            + " scans the whole table under an ACCESS EXCLUSIVE lock",
                    "ALTER TABLE " + t + " ADD CONSTRAINT " + check + " CHECK (" + set.column()
                            + " IS NOT NULL) NOT VALID;\n-- in a later migration:\n"
                            + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + check + ";\n"
                            + "ALTER TABLE " + t + " ALTER COLUMN " + set.column() + " SET NOT NULL;\n"
                            + "ALTER TABLE " + t + " DROP CONSTRAINT " + check + ";",
                    alter.table());
        }
    }
}
