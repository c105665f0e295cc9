package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.TableConstraint;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PRIMARY KEY added to an existing table without a prebuilt index. */
public final class AddingPrimaryKeyConstraint extends AlterActionRule {

    private static final Pattern COLUMNS = Pattern.compile("(?is)\\bkey\\s*(\\(.*?\\))");

    @Override
    public String id() {
        return "adding-primary-key-constraint";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A PRIMARY KEY added to an existing table directly (not USING INDEX).";
    }

    @Override
    public String why() {
        return "ADD PRIMARY KEY builds a unique index and, for nullable columns, checks NOT NULL on every row, "
                + "all under an ACCESS EXCLUSIVE lock: reads and writes stop until it is done.";
    }

    @Override
    public String fix() {
        return "Make the columns NOT NULL the safe way (validated CHECK), build a unique index CONCURRENTLY, "
                + "then ADD CONSTRAINT ... PRIMARY KEY USING INDEX, which is instant.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        String t = alter.table().toString();
        String name = t + "_pkey";
        String columns = null;
        if (action instanceof AlterAction.AddConstraint add
                && add.constraint().kind() == TableConstraint.Kind.PRIMARY_KEY && !add.constraint().usingIndex()) {
            name = add.constraint().name() != null ? add.constraint().name() : name;
            Matcher cols = COLUMNS.matcher(add.constraint().text());
            columns = cols.find() ? cols.group(1) : "(...)";
        } else if (action instanceof AlterAction.AddColumn add && add.column().primaryKey()) {
            columns = "(" + add.column().name() + ")";
        }
        if (columns != null) {
            out.report(index, action.at(), "PRIMARY KEY on existing table " + t
                            + " builds its index under an ACCESS EXCLUSIVE lock",
                    "-- in a migration of its own, outside a transaction:\nCREATE UNIQUE INDEX CONCURRENTLY " + name
                            + " ON " + t + " " + columns + ";\n-- then:\nALTER TABLE " + t + " ADD CONSTRAINT "
                            + name + " PRIMARY KEY USING INDEX " + name + ";",
                    alter.table());
        }
    }
}
