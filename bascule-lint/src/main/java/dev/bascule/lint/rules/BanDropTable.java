package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.QName;

/** DROP TABLE of a table that existed before the migration. */
public final class BanDropTable extends StatementRule {

    @Override
    public String id() {
        return "ban-drop-table";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "An existing table dropped.";
    }

    @Override
    public String why() {
        return "All its rows are lost, the DROP waits for an ACCESS EXCLUSIVE lock, and code still running "
                + "against it fails.";
    }

    @Override
    public String fix() {
        return "Deploy code that no longer uses the table first; drop it in a later migration after a backup.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.DropTable d) {
            for (QName table : d.tables()) {
                if (m.isExisting(table, index)) {
                    out.report(index, null, "dropping table " + table + " loses its data and breaks code still "
                                    + "using it",
                            "-- release 1: deploy code that no longer uses " + table + "\n-- release 2, after a "
                                    + "backup:\nDROP TABLE IF EXISTS " + table + ";", table);
                }
            }
        }
    }
}
