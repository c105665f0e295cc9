package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** ALTER TYPE ... ADD VALUE without BEFORE or AFTER. */
public final class EnumAddValueUnordered extends StatementRule {

    @Override
    public String id() {
        return "enum-add-value-unordered";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "ALTER TYPE ... ADD VALUE without BEFORE or AFTER.";
    }

    @Override
    public String why() {
        return "A new enum value goes to the end of the sort order, so ORDER BY and comparisons on the enum silently change meaning if the values were meant to be ordered; and inside a transaction the new value cannot be used until it commits.";
    }

    @Override
    public String fix() {
        return "Say where the value belongs with BEFORE or AFTER, and use it only in a later migration.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.AlterTypeAddValue add && !add.ordered()) {
            out.report(index, null, "enum value " + add.value() + " is appended to the end of " + add.type()
                    + "'s sort order", "ALTER TYPE " + add.type() + " ADD VALUE IF NOT EXISTS " + add.value()
                    + " BEFORE '<existing value>';", null);
        }
    }
}
