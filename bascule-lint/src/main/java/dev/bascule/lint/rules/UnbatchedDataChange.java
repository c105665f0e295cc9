package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.QName;

/** UPDATE or DELETE of a whole existing table in one statement. */
public final class UnbatchedDataChange extends StatementRule {

    @Override
    public String id() {
        return "unbatched-data-change";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "UPDATE or DELETE without WHERE (the whole table in one statement) on an existing table.";
    }

    @Override
    public String why() {
        return "One statement over every row locks every row until commit (concurrent writers of any row wait), "
                + "bloats the table with a dead copy of each row, and builds replication lag; on a large table "
                + "it runs for minutes.";
    }

    @Override
    public String fix() {
        return "Change the rows in batches of a few thousand, each in its own transaction, until none is left.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        QName table = null;
        String verb = null;
        if (ddl instanceof Ddl.Update u && !u.hasWhere()) {
            table = u.table();
            verb = "UPDATE";
        } else if (ddl instanceof Ddl.Delete d && !d.hasWhere()) {
            table = d.table();
            verb = "DELETE";
        }
        if (table != null && m.isExisting(table, index)) {
            String batch = verb.equals("UPDATE")
                    ? m.statement(index).sql().replaceAll(";\\s*$", "") + "\nWHERE id IN (SELECT id FROM " + table
                    + " WHERE <not yet changed> LIMIT 5000);"
                    : "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " LIMIT 5000);";
            out.report(index, null, verb + " of every row of " + table + " in one statement"
                            + (m.isDataMigration() ? "" : " (in a schema migration)"),
                    "-- repeat, one transaction each, until it changes no row:\n" + batch, table);
        }
    }
}
