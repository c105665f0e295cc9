package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.TableConstraint;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** UNIQUE constraint added to an existing table without building its index concurrently first. */
public final class DisallowedUniqueConstraint extends AlterActionRule {

    private static final Pattern COLUMNS = Pattern.compile("(?is)\\bunique\\s*(?:nulls\\s+(?:not\\s+)?distinct\\s*)?"
            + "(\\(.*?\\))");

    @Override
    public String id() {
        return "disallowed-unique-constraint";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A UNIQUE constraint added to an existing table directly (not USING INDEX).";
    }

    @Override
    public String why() {
        return "ADD UNIQUE builds the unique index while holding an ACCESS EXCLUSIVE lock on the table: no reads "
                + "or writes until the build over every row is done.";
    }

    @Override
    public String fix() {
        return "Build the unique index with CREATE UNIQUE INDEX CONCURRENTLY, then attach it with ADD CONSTRAINT "
                + "... UNIQUE USING INDEX, which is instant.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        String t = alter.table().toString();
        if (action instanceof AlterAction.AddConstraint add && add.constraint().kind() == TableConstraint.Kind.UNIQUE
                && !add.constraint().usingIndex()) {
            String name = add.constraint().name() != null ? add.constraint().name() : t + "_key";
            Matcher cols = COLUMNS.matcher(add.constraint().text());
            report(index, action, out, alter, name, cols.find() ? cols.group(1) : "(...)");
        } else if (action instanceof AlterAction.AddColumn add && add.column().unique()) {
            report(index, action, out, alter, t + "_" + add.column().name() + "_key", "(" + add.column().name() + ")");
        }
    }

    private static void report(int index, AlterAction action, FindingSink out, Ddl.AlterTable alter, String name,
                               String columns) {
        String t = alter.table().toString();
        out.report(index, action.at(), "UNIQUE on existing table " + t
                        + " builds its index under an ACCESS EXCLUSIVE lock",
                "-- in a migration of its own, outside a transaction:\nCREATE UNIQUE INDEX CONCURRENTLY " + name
                        + " ON " + t + " " + columns + ";\n-- then:\nALTER TABLE " + t + " ADD CONSTRAINT " + name
                        + " UNIQUE USING INDEX " + name + ";",
                alter.table());
    }
}
