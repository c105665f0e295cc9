package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;

import dev.bascule.lint.parse.FunctionCalls;
import dev.bascule.lint.parse.QName;
import dev.bascule.lint.parse.Routine.Volatility;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
        return "A column with a volatile DEFAULT (random(), gen_random_uuid(), clock_timestamp(), nextval(), or a "
                + "function not declared IMMUTABLE or STABLE) added to an existing table.";
    }

    @Override
    public String why() {
        return "A volatile default has to be computed per row, so PostgreSQL rewrites the whole table under an "
                + "ACCESS EXCLUSIVE lock: no reads or writes for the duration. Constant and STABLE defaults "
                + "(now()) are stored once and are instant since PostgreSQL 11. A function of the project counts "
                + "as volatile unless a file seen earlier (or, with --pending, the database) declares it IMMUTABLE "
                + "or STABLE: VOLATILE is PostgreSQL's default.";
    }

    @Override
    public String fix() {
        return "Add the column without a default, set the default afterwards (applies to new rows only), and "
                + "backfill existing rows in batches.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (!(action instanceof AlterAction.AddColumn add) || !add.column().hasDefault()) {
            return;
        }
        ColumnDef col = add.column();
        String text = col.defaultText();
        boolean volatileForSure = VOLATILE.matcher(text.toLowerCase(Locale.ROOT)).find();
        List<String> unknown = new ArrayList<>();
        for (QName call : FunctionCalls.in(text)) {
            Optional<Volatility> known = m.functions().of(call, index);
            if (known.isEmpty()) {
                unknown.add(call.key());
            } else if (known.get() == Volatility.VOLATILE) {
                volatileForSure = true;
            }
        }
        if (!volatileForSure && unknown.isEmpty()) {
            return;
        }
        String t = alter.table().toString();
        String rewrite = "rewrites the whole table under an ACCESS EXCLUSIVE lock";
        String safe = "ALTER TABLE " + t + " ADD COLUMN " + col.name() + " " + col.type() + ";\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + col.name() + " SET DEFAULT " + text + ";\n"
                + "-- then backfill the existing rows in a data migration, batched by key:\n"
                + "-- bascule:batch size=5000\nUPDATE " + t + " SET " + col.name() + " = " + text + " WHERE "
                + col.name() + " IS NULL;";
        if (volatileForSure) {
            out.report(index, action.at(), "volatile DEFAULT " + text + " on new column " + t + "." + col.name()
                    + " " + rewrite, safe, alter.table());
        } else {
            out.reportAssumingVolatile(index, action.at(), "DEFAULT " + text + " on new column " + t + "."
                    + col.name() + " calls " + String.join(", ", unknown) + ", not declared IMMUTABLE or STABLE in "
                    + "the files seen so far: a volatile default " + rewrite, safe, alter.table(), unknown);
        }
    }
}
