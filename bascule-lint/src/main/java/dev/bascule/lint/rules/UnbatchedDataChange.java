package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.QName;
import dev.bascule.sql.DirectiveKind;

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
        return "Put -- bascule:batch size=N on the line before the statement (in a data migration): the runner "
                + "then changes the rows in keyset batches of N, each in its own transaction.";
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
        // -- bascule:batch before the statement: the runner runs it in keyset batches, each committed on its own.
        boolean batched = m.statement(index).directive(DirectiveKind.BATCH).isPresent();
        if (table != null && !batched && m.isExisting(table, index)) {
            String where = m.statement(index).embedded() ? " in a DO block" : "";
            out.report(index, null, verb + " of every row of " + table + " in one statement" + where
                            + (m.isDataMigration() ? "" : " (in a schema migration)"),
                    (m.isDataMigration() ? "" : "-- in a data migration (-- bascule:data in its header):\n")
                            + "-- bascule:batch size=5000\n" + m.statement(index).sql(), table);
        }
    }
}
