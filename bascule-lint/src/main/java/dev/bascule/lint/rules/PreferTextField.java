package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;

/** A varchar(n) column where text with a CHECK would do. */
public final class PreferTextField extends NewColumnRule {

    @Override
    public String id() {
        return "prefer-text-field";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A varchar(n) column where text with a CHECK would do.";
    }

    @Override
    public String why() {
        return "Raising a varchar limit later is only free if it stays varchar, and lowering one rewrites the table; a CHECK on text can be replaced NOT VALID and validated online. varchar(n) and text perform the same.";
    }

    @Override
    public String fix() {
        return "Use text, with CHECK (char_length(col) <= n) if the limit matters.";
    }

    @Override
    void checkColumn(MigrationFile m, int index, Ddl ddl, ColumnDef column, String table, FindingSink out) {
        if (column.type().is("varchar") && !column.type().modifiers().isEmpty()) {
            int n = column.type().modifiers().get(0);
            out.report(index, column.at(), "column " + table + "." + column.name() + " is varchar(" + n
                            + "); a length limit on text can be changed without a table rewrite",
                    column.name() + " text CHECK (char_length(" + column.name() + ") <= " + n + ")", null);
        }
    }
}
