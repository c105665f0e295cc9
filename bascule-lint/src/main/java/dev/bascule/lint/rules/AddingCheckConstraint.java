package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.TableConstraint;

/** CHECK constraint added to an existing table without NOT VALID. */
public final class AddingCheckConstraint extends AlterActionRule {

    @Override
    public String id() {
        return "adding-check-constraint";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A CHECK constraint added to an existing table without NOT VALID.";
    }

    @Override
    public String why() {
        return "ADD CONSTRAINT ... CHECK takes an ACCESS EXCLUSIVE lock and scans every row to verify it: "
                + "all reads and writes of the table wait for the scan.";
    }

    @Override
    public String fix() {
        return "Add it NOT VALID (instant, new rows are checked), then VALIDATE CONSTRAINT in a later "
                + "migration, which scans under SHARE UPDATE EXCLUSIVE and blocks nobody.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        String t = alter.table().toString();
        if (action instanceof AlterAction.AddConstraint add
                && add.constraint().kind() == TableConstraint.Kind.CHECK && !add.constraint().notValid()) {
            String name = add.constraint().name() != null ? add.constraint().name() : t + "_check";
            String body = add.constraint().text().replaceFirst("(?i)^constraint\\s+\\S+\\s+", "");
            out.report(index, action.at(), "CHECK constraint on existing table " + t
                            + " scans every row under an ACCESS EXCLUSIVE lock",
                    "ALTER TABLE " + t + " ADD CONSTRAINT " + name + " " + body + " NOT VALID;\n"
                            + "-- in a later migration:\nALTER TABLE " + t + " VALIDATE CONSTRAINT " + name + ";",
                    alter.table());
        } else if (action instanceof AlterAction.AddColumn add && add.column().checkText() != null) {
            out.report(index, action.at(), Severity.WARNING, "new column " + t + "." + add.column().name()
                            + " with an inline CHECK: the check is verified against every row under ACCESS EXCLUSIVE",
                    "ALTER TABLE " + t + " ADD COLUMN " + add.column().name() + " " + add.column().type() + ";\n"
                            + "ALTER TABLE " + t + " ADD CONSTRAINT " + t + "_" + add.column().name()
                            + "_check " + add.column().checkText() + " NOT VALID;\n-- in a later migration:\nALTER TABLE " + t
                            + " VALIDATE CONSTRAINT " + t + "_" + add.column().name() + "_check;",
                    alter.table());
        }
    }
}
