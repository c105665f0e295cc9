package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;

/** An integer, smallint or serial column (32-bit or less). */
public final class PreferBigint extends NewColumnRule {

    @Override
    public String id() {
        return "prefer-bigint";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "An integer, smallint or serial column (32-bit or less).";
    }

    @Override
    public String why() {
        return "Counters and ids outgrow 32 bits (2.1 billion); widening an integer column later rewrites the table and every index under an ACCESS EXCLUSIVE lock. bigint costs 4 more bytes per row.";
    }

    @Override
    public String fix() {
        return "Use bigint (or bigint GENERATED ... AS IDENTITY for keys).";
    }

    @Override
    void checkColumn(MigrationFile m, int index, Ddl ddl, ColumnDef column, String table, FindingSink out) {
        String type = column.type().array() ? "" : column.type().name();
        if (type.equals("integer") || type.equals("smallint") || type.equals("serial")
                || type.equals("smallserial")) {
            out.report(index, column.at(), "column " + table + "." + column.name() + " is " + type
                            + "; widening it later rewrites the table", column.name() + " bigint", null);
        }
    }
}
