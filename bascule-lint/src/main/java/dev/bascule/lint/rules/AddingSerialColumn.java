package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;

import java.util.Set;

/** ADD COLUMN of type serial/bigserial/smallserial (or an identity) on an existing table. */
public final class AddingSerialColumn extends AlterActionRule {

    static final Set<String> SERIALS = Set.of("serial", "bigserial", "smallserial");

    @Override
    public String id() {
        return "adding-serial-column";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A serial or identity column added to an existing table.";
    }

    @Override
    public String why() {
        return "Each existing row needs its own sequence value (a volatile nextval() default), so PostgreSQL "
                + "rewrites the whole table under an ACCESS EXCLUSIVE lock.";
    }

    @Override
    public String fix() {
        return "Add a nullable bigint column, create the sequence and set it as the default for new rows, then "
                + "backfill existing rows in batches.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (action instanceof AlterAction.AddColumn add
                && (SERIALS.contains(add.column().type().name()) || add.column().identity())) {
            String t = alter.table().toString();
            String c = add.column().name();
            String seq = t + "_" + c + "_seq";
            out.report(index, action.at(), "serial/identity column " + t + "." + c
                            + " rewrites the whole table under an ACCESS EXCLUSIVE lock",
                    "CREATE SEQUENCE " + seq + ";\nALTER TABLE " + t + " ADD COLUMN " + c + " bigint;\n"
                            + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT nextval('" + seq + "');\n"
                            + "ALTER SEQUENCE " + seq + " OWNED BY " + t + "." + c + ";\n"
                            + "-- then backfill in batches:\nUPDATE " + t + " SET " + c + " = nextval('" + seq
                            + "') WHERE id IN (SELECT id FROM " + t + " WHERE " + c + " IS NULL LIMIT 10000);",
                    alter.table());
        }
    }
}
