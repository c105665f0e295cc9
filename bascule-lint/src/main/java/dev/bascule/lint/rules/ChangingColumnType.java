package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.TypeName;

import java.util.Set;

/** ALTER COLUMN ... TYPE that rewrites the table, recognising the changes PostgreSQL makes without a rewrite. */
public final class ChangingColumnType extends AlterActionRule {

    /** Target types some current type can reach without a rewrite; without the current type we can only warn. */
    private static final Set<String> MAYBE_SAFE_TARGETS = Set.of("text", "varchar", "numeric", "varbit", "inet");

    @Override
    public String id() {
        return "changing-column-type";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A column type change that rewrites the table (varchar widening, varchar to text, numeric "
                + "precision increase and cidr to inet are recognised as safe).";
    }

    @Override
    public String why() {
        return "Most type changes rewrite every row and rebuild every index of the table under an ACCESS "
                + "EXCLUSIVE lock: no reads or writes until it is done. Narrowing changes can also fail or lose "
                + "data, and old code keeps writing values of the old type.";
    }

    @Override
    public String fix() {
        return "Add a new column of the new type, write to both (trigger), backfill in batches, switch reads, "
                + "then drop the old column in a later release.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (!(action instanceof AlterAction.AlterColumnType change)) {
            return;
        }
        TypeName target = change.type();
        TypeName current = m.columnType(alter.table(), change.column());
        String t = alter.table().toString();
        String c = change.column();
        String safe = "ALTER TABLE " + t + " ADD COLUMN " + c + "_new " + target + ";\n"
                + "-- keep " + c + "_new in step with a trigger, backfill in batches:\n"
                + "UPDATE " + t + " SET " + c + "_new = " + c + "::" + target + " WHERE id IN (SELECT id FROM " + t
                + " WHERE " + c + "_new IS NULL AND " + c + " IS NOT NULL LIMIT 10000);\n"
                + "-- switch the code to " + c + "_new, then in a later release drop " + c + ".";
        if (change.using()) {
            out.report(index, action.at(), "type change of " + t + "." + c + " with USING rewrites the table under "
                    + "an ACCESS EXCLUSIVE lock", safe, alter.table());
        } else if (current != null) {
            if (!rewriteFree(current, target)) {
                out.report(index, action.at(), "type change of " + t + "." + c + " from " + current + " to " + target
                        + " rewrites the table under an ACCESS EXCLUSIVE lock", safe, alter.table());
            }
        } else if (MAYBE_SAFE_TARGETS.contains(target.name()) && !target.array()) {
            out.report(index, action.at(), Severity.WARNING, "type change of " + t + "." + c + " to " + target
                    + " avoids a table rewrite only " + rewriteFreeSources(target)
                    + "; otherwise it rewrites the table under an ACCESS EXCLUSIVE lock (lint against the database "
                    + "to know the current type)", safe, alter.table());
        } else {
            out.report(index, action.at(), "type change of " + t + "." + c + " to " + target
                    + " rewrites the table under an ACCESS EXCLUSIVE lock", safe, alter.table());
        }
    }

    private static String rewriteFreeSources(TypeName target) {
        return switch (target.name()) {
            case "text" -> "from varchar or text";
            case "varchar" -> target.modifiers().isEmpty() ? "from varchar or text"
                    : "from a varchar of at most " + target.modifiers().get(0) + " characters";
            case "numeric" -> "from numeric with the same scale and no greater precision";
            case "varbit" -> "from a shorter varbit";
            default -> "from cidr";
        };
    }

    /** True when PostgreSQL changes {@code from} to {@code to} without rewriting the table. */
    static boolean rewriteFree(TypeName from, TypeName to) {
        if (from.equals(to)) {
            return true;
        }
        if (from.array() || to.array()) {
            return false;
        }
        String f = from.name();
        String t = to.name();
        if ((f.equals("varchar") || f.equals("text")) && (t.equals("text") || (t.equals("varchar")
                && to.modifiers().isEmpty()))) {
            return true;
        }
        if ((f.equals("varchar") && t.equals("varchar")) || (f.equals("varbit") && t.equals("varbit"))) {
            return to.modifiers().isEmpty()
                    || (!from.modifiers().isEmpty() && to.modifiers().get(0) >= from.modifiers().get(0));
        }
        if (f.equals("numeric") && t.equals("numeric")) {
            if (to.modifiers().isEmpty()) {
                return true;
            }
            if (from.modifiers().isEmpty()) {
                return false;
            }
            int fromScale = from.modifiers().size() > 1 ? from.modifiers().get(1) : 0;
            int toScale = to.modifiers().size() > 1 ? to.modifiers().get(1) : 0;
            return fromScale == toScale && to.modifiers().get(0) >= from.modifiers().get(0);
        }
        return f.equals("cidr") && t.equals("inet");
    }
}
