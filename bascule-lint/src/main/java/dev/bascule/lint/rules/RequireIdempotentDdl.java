package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;

/** Opt-in: DDL without IF [NOT] EXISTS, for teams that run migrations by hand before the tool (seed 004). */
public final class RequireIdempotentDdl extends StatementRule {

    @Override
    public String id() {
        return "require-idempotent-ddl";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public String summary() {
        return "CREATE/DROP/ADD COLUMN without IF [NOT] EXISTS (opt-in).";
    }

    @Override
    public String why() {
        return "Teams that apply a migration by hand first and let the tool record it afterwards need every "
                + "statement to succeed a second time; without IF [NOT] EXISTS the recorded run fails.";
    }

    @Override
    public String fix() {
        return "Write CREATE TABLE/INDEX IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, DROP ... IF EXISTS, and "
                + "CREATE OR REPLACE for functions and views.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        String sql = m.statement(index).sql();
        if (ddl instanceof Ddl.CreateTable t && !t.ifNotExists()) {
            out.report(index, null, "CREATE TABLE " + t.table() + " fails when run twice",
                    sql.replaceFirst("(?i)\\btable\\b", "TABLE IF NOT EXISTS"), t.table());
        } else if (ddl instanceof Ddl.CreateIndex i && !i.ifNotExists() && i.name() != null) {
            out.report(index, null, "CREATE INDEX " + i.name() + " fails when run twice",
                    sql.replaceFirst("(?i)\\b" + java.util.regex.Pattern.quote(i.name()) + "\\b",
                            "IF NOT EXISTS " + i.name()), i.table());
        } else if (ddl instanceof Ddl.DropIndex d && !d.ifExists()) {
            out.report(index, null, "DROP INDEX fails when run twice",
                    sql.replaceFirst("(?i)\\bindex(\\s+concurrently)?\\b", "$0 IF EXISTS"), null);
        } else if (ddl instanceof Ddl.DropTable d && !d.ifExists()) {
            out.report(index, null, "DROP TABLE fails when run twice",
                    sql.replaceFirst("(?i)\\btable\\b", "TABLE IF EXISTS"), null);
        } else if (ddl instanceof Ddl.AlterTable a) {
            for (AlterAction action : a.actions()) {
                if (action instanceof AlterAction.AddColumn add && !add.ifNotExists()) {
                    out.report(index, action.at(), "ADD COLUMN " + add.column().name() + " fails when run twice",
                            "ALTER TABLE " + a.table() + " ADD COLUMN IF NOT EXISTS " + add.column().name() + " "
                                    + add.column().type() + " ...;", a.table());
                } else if (action instanceof AlterAction.DropColumn drop && !drop.ifExists()) {
                    out.report(index, action.at(), "DROP COLUMN " + drop.column() + " fails when run twice",
                            "ALTER TABLE " + a.table() + " DROP COLUMN IF EXISTS " + drop.column() + ";", a.table());
                }
            }
        }
    }
}
