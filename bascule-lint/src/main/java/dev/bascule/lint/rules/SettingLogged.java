package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;

/** ALTER TABLE ... SET LOGGED or SET UNLOGGED on a table in use: a full rewrite. */
public final class SettingLogged extends AlterActionRule {

    @Override
    public String id() {
        return "setting-logged";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ALTER TABLE ... SET LOGGED or SET UNLOGGED on an existing table.";
    }

    @Override
    public String why() {
        return "Both rewrite the whole table under an ACCESS EXCLUSIVE lock (SET LOGGED also writes every row to "
                + "the WAL, which replicas must replay): no reads or writes for the duration. An UNLOGGED table "
                + "is emptied by a crash and is not on the replicas.";
    }

    @Override
    public String fix() {
        return "Create tables with the persistence they need. To change it on a large table, do it in a "
                + "maintenance window, or build a copy with the other persistence and swap the names.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (action instanceof AlterAction.SetLogged logged) {
            String t = alter.table().toString();
            out.report(index, action.at(), "SET " + (logged.logged() ? "LOGGED" : "UNLOGGED") + " rewrites table "
                    + t + " under an ACCESS EXCLUSIVE lock" + (logged.logged() ? ", writing every row to the WAL"
                    : " and leaves it empty after a crash and missing on replicas"), "", alter.table());
        }
    }
}
