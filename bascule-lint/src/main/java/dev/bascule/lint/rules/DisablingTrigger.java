package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;

/** ALTER TABLE ... DISABLE TRIGGER: the trigger stops for every session, not just the migration's. */
public final class DisablingTrigger extends AlterActionRule {

    @Override
    public String id() {
        return "disabling-trigger";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "ALTER TABLE ... DISABLE TRIGGER on an existing table (an error for DISABLE TRIGGER ALL).";
    }

    @Override
    public String why() {
        return "A disabled trigger stops firing for every session until it is enabled again: the application's "
                + "writes meanwhile skip its audit rows, derived columns or checks, and if the migration fails "
                + "before ENABLE it stays off. DISABLE TRIGGER ALL also switches off the triggers that enforce "
                + "foreign keys. It takes a SHARE ROW EXCLUSIVE lock, blocking writes.";
    }

    @Override
    public String fix() {
        return "Skip triggers only in the migration's own session: SET LOCAL session_replication_role = replica "
                + "before the data change (ordinary triggers do not fire for it; needs the right privilege), or "
                + "give the trigger function a condition to skip the migration's rows.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (action instanceof AlterAction.DisableTrigger d) {
            String t = alter.table().toString();
            boolean all = d.trigger().equalsIgnoreCase("all");
            out.report(index, action.at(), all ? Severity.ERROR : defaultSeverity(), "DISABLE TRIGGER "
                            + d.trigger() + " on " + t + " switches " + (all ? "off every trigger, foreign key "
                            + "checks included," : "it off") + " for every session, not only this migration",
                    "SET LOCAL session_replication_role = replica;  -- this transaction's statements only\n"
                            + "-- ... the data change ...", alter.table());
        }
    }
}
