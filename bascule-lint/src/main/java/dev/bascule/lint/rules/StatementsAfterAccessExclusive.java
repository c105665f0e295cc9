package dev.bascule.lint.rules;

import dev.bascule.lint.model.LockMode;
import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.QName;

/** More statements run in a transaction after it took an ACCESS EXCLUSIVE lock on an existing table. */
public final class StatementsAfterAccessExclusive implements Rule {

    @Override
    public String id() {
        return "statements-after-access-exclusive";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "Further statements in a transaction that already holds an ACCESS EXCLUSIVE lock on an existing "
                + "table.";
    }

    @Override
    public String why() {
        return "Locks are held until COMMIT. Every statement after the one that took ACCESS EXCLUSIVE lengthens "
                + "the time all reads and writes of that table are blocked, and a slow one (an UPDATE, an index "
                + "build) turns a millisecond lock into an outage.";
    }

    @Override
    public String fix() {
        return "Put the ACCESS EXCLUSIVE statement last in its transaction, or in a migration of its own.";
    }

    @Override
    public void check(MigrationFile m, FindingSink out) {
        int lockedTransaction = -1;
        QName lockedTable = null;
        int lockedLine = 0;
        boolean reported = false;
        for (int i = 0; i < m.statements().size(); i++) {
            Ddl ddl = m.statement(i).ddl();
            int tx = m.transaction(i);
            if (tx != lockedTransaction) {
                lockedTable = null;
                reported = false;
            }
            if (tx < 0 || ddl instanceof Ddl.Transaction || ddl instanceof Ddl.SetParameter) {
                continue;
            }
            if (lockedTable != null && !reported) {
                out.report(i, null, "runs while the ACCESS EXCLUSIVE lock on " + lockedTable + " taken at line "
                                + lockedLine + " is still held, blocking its reads and writes for longer",
                        "-- run this before the statement at line " + lockedLine + ", or in a migration of its "
                                + "own:\n" + m.statement(i).sql(), lockedTable);
                reported = true;
            }
            QName table = tableLocked(m, i);
            if (lockedTable == null && table != null) {
                lockedTransaction = tx;
                lockedTable = table;
                lockedLine = m.statement(i).line();
            }
        }
    }

    private static QName tableLocked(MigrationFile m, int index) {
        if (m.lock(index) != LockMode.ACCESS_EXCLUSIVE) {
            return null;
        }
        Ddl ddl = m.statement(index).ddl();
        QName table = ddl instanceof Ddl.AlterTable a ? a.table()
                : ddl instanceof Ddl.DropTable d ? d.tables().get(0)
                : ddl instanceof Ddl.Truncate t ? t.tables().get(0)
                : ddl instanceof Ddl.LockTable l ? l.tables().get(0)
                : ddl instanceof Ddl.Cluster c ? c.table()
                : ddl instanceof Ddl.Vacuum v && !v.tables().isEmpty() ? v.tables().get(0) : null;
        return table != null && m.isLive(table, index) ? table : null;
    }
}
