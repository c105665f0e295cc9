package dev.bascule.lint.rules;

import dev.bascule.lint.model.LockMode;
import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** A blocking lock taken without a lock_timeout, when the runner does not set one either. */
public final class RequireLockTimeout implements Rule {

    @Override
    public String id() {
        return "require-lock-timeout";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A statement that takes a blocking lock (DROP TRIGGER and DROP VIEW included) with no lock_timeout "
                + "set (and a runner that does not set one).";
    }

    @Override
    public String why() {
        return "A lock request waits behind any long-running query on the table, and while it waits every new "
                + "query queues behind it: a millisecond ALTER becomes a total outage for as long as the slowest "
                + "transaction runs. lock_timeout makes the migration fail fast instead, to be retried.";
    }

    @Override
    public String fix() {
        return "SET lock_timeout at the top of the migration (or configure the runner to set it), and retry on "
                + "failure.";
    }

    @Override
    public void check(MigrationFile m, FindingSink out) {
        if (m.context().runnerSetsLockTimeout()) {
            return;
        }
        boolean timeoutSet = false;
        for (int i = 0; i < m.statements().size(); i++) {
            Ddl ddl = m.statement(i).ddl();
            if (ddl instanceof Ddl.SetParameter p && p.parameter().equals("lock_timeout")) {
                String value = p.value().replace("'", "").trim();
                timeoutSet = !value.isEmpty() && !value.equals("0") && !value.equalsIgnoreCase("default");
                continue;
            }
            if (!timeoutSet && m.lock(i).compareTo(LockMode.SHARE) >= 0 && locksExistingTable(m, i)) {
                String article = m.lock(i) == LockMode.ACCESS_EXCLUSIVE || m.lock(i) == LockMode.EXCLUSIVE ? "an " : "a ";
                out.report(i, null, "takes " + article + m.lock(i).sqlName() + " lock with no lock_timeout: while it "
                                + "waits, every other query on the table queues behind it",
                        "SET lock_timeout = '5s';\n" + m.statement(i).sql(), null);
                return;
            }
        }
    }

    private static boolean locksExistingTable(MigrationFile m, int index) {
        Ddl ddl = m.statement(index).ddl();
        if (ddl instanceof Ddl.DropIndex) {
            return true;
        }
        var table = dev.bascule.lint.model.StatementLocks.table(ddl);
        return table != null && m.isLive(table, index);
    }
}
