package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** DROP SCHEMA ... CASCADE. */
public final class BanDropSchemaCascade extends StatementRule {

    @Override
    public String id() {
        return "ban-drop-schema-cascade";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "DROP SCHEMA ... CASCADE.";
    }

    @Override
    public String why() {
        return "CASCADE drops every table, view, function and type in the schema, and everything elsewhere that "
                + "depends on them, whatever they hold at the time the migration runs: data is lost without "
                + "anyone having listed it, under ACCESS EXCLUSIVE locks on all of it.";
    }

    @Override
    public String fix() {
        return "Drop the objects you mean to drop by name, then the schema without CASCADE, which fails if "
                + "anything unexpected is still in it.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.DropOther d && d.objectKind().equals("SCHEMA") && d.cascade()) {
            String names = d.names().isEmpty() ? "the schema" : d.names().stream().map(Object::toString)
                    .collect(java.util.stream.Collectors.joining(", "));
            out.report(index, null, "DROP SCHEMA " + names + " CASCADE drops everything in it and everything that "
                            + "depends on it, unlisted",
                    "-- drop what you mean to drop by name, then:\nDROP SCHEMA " + (d.ifExists() ? "IF EXISTS " : "")
                            + names + ";", null);
        }
    }
}
