package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;

/** A timestamp (without time zone) column. */
public final class PreferTimestamptz extends NewColumnRule {

    @Override
    public String id() {
        return "prefer-timestamptz";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A timestamp (without time zone) column.";
    }

    @Override
    public String why() {
        return "timestamp without time zone stores wall-clock readings with no zone: values written by servers or sessions in different zones cannot be compared, and daylight-saving changes make them ambiguous.";
    }

    @Override
    public String fix() {
        return "Use timestamptz, which stores an instant and converts on display.";
    }

    @Override
    void checkColumn(MigrationFile m, int index, Ddl ddl, ColumnDef column, String table, FindingSink out) {
        if (column.type().is("timestamp")) {
            out.report(index, column.at(), "column " + table + "." + column.name()
                            + " is timestamp without time zone; timestamptz stores an unambiguous instant",
                    column.name() + " timestamptz" + (column.notNull() ? " NOT NULL" : ""), null);
        }
    }
}
