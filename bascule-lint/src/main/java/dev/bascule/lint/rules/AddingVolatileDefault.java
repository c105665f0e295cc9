package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;

import java.util.Locale;
import java.util.regex.Pattern;

/** ADD COLUMN with a volatile DEFAULT on an existing table: the table is rewritten. */
public final class AddingVolatileDefault extends AlterActionRule {

    /** Volatile functions common in defaults; now()/current_timestamp are STABLE and need no rewrite. */
    static final Pattern VOLATILE = Pattern.compile("\\b(nextval|random|clock_timestamp|timeofday|"
            + "gen_random_uuid|uuid_generate_v1|uuid_generate_v1mc|uuid_generate_v4|txid_current|setval)\\s*\\(");

    @Override
    public String id() {
        return "adding-volatile-default";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A column with a volatile DEFAULT (random(), gen_random_uuid(), clock_timestamp(), nextval()) "
                + "added to an existing table.";
    }

    @Override
    public String why() {
        return "A volatile default has to be computed per row, so PostgreSQL rewrites the whole table under an "
                + "ACCESS EXCLUSIVE lock: no reads or writes for the duration. Constant and STABLE defaults "
                + "(now()) are stored once and are instant since PostgreSQL 11.";
    }

    @Override
    public String fix() {
        return "Add the column without a default, set the default afterwards (applies to new rows only), and "
                + "backfill existing rows in batches.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (action instanceof AlterAction.AddColumn add) {
            ColumnDef col = add.column();
            if (col.hasDefault() && VOLATILE.matcher(col.defaultText().toLowerCase(Locale.ROOT)).find()) {
                String t = alter.table().toString();
                out.report(index, action.at(), "volatile DEFAULT " + col.defaultText() + " on new column " + t + "."
                                + col.name() + " rewrites the whole table under an ACCESS EXCLUSIVE lock",
                        "ALTER TABLE " + t + " ADD COLUMN " + col.name() + " " + col.type() + ";\n"
                                + "ALTER TABLE " + t + " ALTER COLUMN " + col.name() + " SET DEFAULT "
                                + col.defaultText() + ";\n-- then backfill in batches:\nUPDATE " + t + " SET "
                                + col.name() + " = " + col.defaultText() + " WHERE id IN (SELECT id FROM " + t
                                + " WHERE " + col.name() + " IS NULL LIMIT 10000);",
                        alter.table());
            }
        }
    }
}
