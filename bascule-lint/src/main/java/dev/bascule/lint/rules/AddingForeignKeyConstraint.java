package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.QName;
import dev.bascule.lint.parse.TableConstraint;

/** FOREIGN KEY added to an existing table without NOT VALID. */
public final class AddingForeignKeyConstraint extends AlterActionRule {

    @Override
    public String id() {
        return "adding-foreign-key-constraint";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A foreign key added without NOT VALID to an existing table, or to one filled by CREATE TABLE ... AS "
                + "or SELECT INTO.";
    }

    @Override
    public String why() {
        return "Adding a foreign key takes SHARE ROW EXCLUSIVE locks on both tables and scans the whole table to "
                + "check every row while holding them: writes to both tables stop for the duration. A new column "
                + "with REFERENCES needs no scan (it is all NULL) but still locks the referenced table.";
    }

    @Override
    public String fix() {
        return "Add the constraint NOT VALID (no scan, brief lock), then VALIDATE CONSTRAINT in a later "
                + "migration: validation takes only SHARE UPDATE EXCLUSIVE, so reads and writes continue.";
    }

    /**
     * Also a table created filled earlier in the same transaction: nobody sees it, but the referenced table is
     * write-locked while every one of its rows is checked.
     */
    @Override
    boolean appliesTo(MigrationFile m, QName table, int index) {
        return m.holdsRows(table, index);
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        String t = alter.table().toString();
        String kind = m.isExisting(alter.table(), index) ? "existing table " : "table filled by CREATE TABLE ... AS "
                + "or SELECT INTO at line " + m.filledBy(alter.table(), index).map(i -> m.statement(i).line())
                .orElse(0) + ", ";
        if (action instanceof AlterAction.AddConstraint add
                && add.constraint().kind() == TableConstraint.Kind.FOREIGN_KEY && !add.constraint().notValid()) {
            String name = add.constraint().name() != null ? add.constraint().name() : t + "_fkey";
            String body = add.constraint().text().replaceFirst("(?i)^constraint\\s+\\S+\\s+", "");
            out.report(index, action.at(), "foreign key on " + kind + t
                            + " is checked against every row while writes to " + t + " and "
                            + add.constraint().references() + " are blocked",
                    "ALTER TABLE " + t + " ADD CONSTRAINT " + name + " " + body + " NOT VALID;\n"
                            + "-- in a later migration:\nALTER TABLE " + t + " VALIDATE CONSTRAINT " + name + ";",
                    alter.table());
        } else if (action instanceof AlterAction.AddColumn add && add.column().references() != null) {
            String c = add.column().name();
            String name = t + "_" + c + "_fkey";
            out.report(index, action.at(), Severity.WARNING, "new column " + t + "." + c
                            + " with REFERENCES locks " + t + " and " + add.column().references()
                            + " against writes while the constraint is added",
                    "ALTER TABLE " + t + " ADD COLUMN " + c + " " + add.column().type() + ";\n"
                            + "ALTER TABLE " + t + " ADD CONSTRAINT " + name + " FOREIGN KEY (" + c + ") REFERENCES "
                            + add.column().references() + " NOT VALID;\n"
                            + "-- in a later migration:\nALTER TABLE " + t + " VALIDATE CONSTRAINT " + name + ";",
                    alter.table());
        }
    }
}
