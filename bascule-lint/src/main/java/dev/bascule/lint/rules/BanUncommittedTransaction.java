package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** A BEGIN with no COMMIT or ROLLBACK before the end of the file. */
public final class BanUncommittedTransaction implements Rule {

    @Override
    public String id() {
        return "ban-uncommitted-transaction";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "BEGIN without a matching COMMIT before the end of the file.";
    }

    @Override
    public String why() {
        return "The transaction stays open when the file ends: its locks are held until the connection closes "
                + "or the runner's next statement, and whether the changes are kept depends on how the session ends.";
    }

    @Override
    public String fix() {
        return "End every BEGIN with COMMIT in the same file.";
    }

    @Override
    public void check(MigrationFile m, FindingSink out) {
        int open = -1;
        for (int i = 0; i < m.statements().size(); i++) {
            if (m.statement(i).ddl() instanceof Ddl.Transaction t) {
                if (t.kind() == Ddl.Transaction.Kind.BEGIN) {
                    open = open < 0 ? i : open;
                } else if (t.kind() != Ddl.Transaction.Kind.SAVEPOINT) {
                    open = -1;
                }
            }
        }
        if (open >= 0) {
            out.report(open, null, "this BEGIN is never committed: the transaction is still open at the end of "
                    + "the file", "COMMIT;  -- at the end of the file", null);
        }
    }
}
