package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;

/** A char(n) / character(n) column. */
public final class BanCharField extends NewColumnRule {

    @Override
    public String id() {
        return "ban-char-field";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A char(n) (blank-padded) column.";
    }

    @Override
    public String why() {
        return "char(n) pads values with spaces, compares ignoring them and is no faster than text; the padding "
                + "surprises code, and changing the length later rewrites the table.";
    }

    @Override
    public String fix() {
        return "Use text (with a CHECK on char_length if the length matters).";
    }

    @Override
    void checkColumn(MigrationFile m, int index, Ddl ddl, ColumnDef column, String table, FindingSink out) {
        if (column.type().is("char")) {
            String n = column.type().modifiers().isEmpty() ? "1" : column.type().modifiers().get(0).toString();
            out.report(index, column.at(), "column " + table + "." + column.name() + " is char(" + n
                            + "), blank-padded; use text",
                    column.name() + " text CHECK (char_length(" + column.name() + ") = " + n + ")", null);
        }
    }
}
