package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** ALTER TYPE ... RENAME VALUE. */
public final class RenamingEnumValue extends StatementRule {

    @Override
    public String id() {
        return "renaming-enum-value";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A value of an enum type renamed (ALTER TYPE ... RENAME VALUE).";
    }

    @Override
    public String why() {
        return "The application version still running writes and compares the old label: its inserts fail "
                + "with 'invalid input value for enum' and its comparisons silently match nothing.";
    }

    @Override
    public String fix() {
        return "Add the new value (ADD VALUE), deploy code that accepts both, move the rows to the new value in a "
                + "data migration, and stop writing the old one; PostgreSQL cannot drop an enum value, so keep it "
                + "or replace the type later.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.RenameEnumValue r) {
            out.report(index, null, "renaming value " + r.from() + " of enum " + r.type() + " to " + r.to()
                            + " breaks the running application that writes or compares " + r.from(),
                    "ALTER TYPE " + r.type() + " ADD VALUE IF NOT EXISTS " + r.to() + " AFTER " + r.from() + ";\n"
                            + "-- then, in a data migration, once deployed code accepts both:\n"
                            + "-- UPDATE <table> SET <column> = " + r.to() + " WHERE <column> = " + r.from() + ";",
                    null);
        }
    }
}
