package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** BEGIN/COMMIT/ROLLBACK in a file the runner already wraps in a transaction. */
public final class TransactionNesting extends StatementRule {

    @Override
    public String id() {
        return "transaction-nesting";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "BEGIN, COMMIT or ROLLBACK in a migration the runner runs inside its own transaction.";
    }

    @Override
    public String why() {
        return "Inside the runner's transaction a BEGIN is ignored with a warning, and the file's COMMIT ends the "
                + "runner's transaction early: later statements and the history record run outside it, so a "
                + "failure leaves the migration half applied and unrecorded.";
    }

    @Override
    public String fix() {
        return "Remove the transaction statements and let the runner wrap the file, or put "
                + "-- bascule:no-transaction at the top and manage transactions yourself.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.Transaction t && t.kind() != Ddl.Transaction.Kind.SAVEPOINT
                && m.runnerWrapsInTransaction()) {
            out.report(index, null, t.kind() + " inside the transaction the runner already opened for this file",
                    "-- bascule:no-transaction\n-- (first line of the file), or delete this statement", null);
        }
    }
}
