package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;

/** A {@code json} column where {@code jsonb} is meant. */
public final class PreferJsonb extends NewColumnRule {

    @Override
    public String id() {
        return "prefer-jsonb";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A column of type json.";
    }

    @Override
    public String why() {
        return "json has no equality operator, so SELECT DISTINCT, UNION and GROUP BY over it fail, and it "
                + "cannot be indexed; changing it to jsonb later rewrites the table.";
    }

    @Override
    public String fix() {
        return "Use jsonb.";
    }

    @Override
    void checkColumn(MigrationFile m, int index, Ddl ddl, ColumnDef column, String table, FindingSink out) {
        if (column.type().name().equals("json")) {
            out.report(index, column.at(), "column " + table + "." + column.name() + " is json; jsonb can be "
                            + "compared and indexed",
                    column.name() + " jsonb" + (column.notNull() ? " NOT NULL" : ""), null);
        }
    }
}
