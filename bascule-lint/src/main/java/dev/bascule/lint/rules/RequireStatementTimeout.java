package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.model.StatementLocks;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.QName;

/** A statement that can run long on a table in use, with no statement_timeout (strict profile). */
public final class RequireStatementTimeout implements Rule {

    @Override
    public String id() {
        return "require-statement-timeout";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public boolean inStrictProfile() {
        return true;
    }

    @Override
    public String summary() {
        return "A statement that can run long on an existing table with no statement_timeout set (and a runner "
                + "that sets none); opt-in, on in the strict profile.";
    }

    @Override
    public String why() {
        return "lock_timeout bounds the wait for a lock, not the work done once it is held: a scan, rewrite, index "
                + "build or backfill that runs for an hour holds its locks for an hour. statement_timeout makes "
                + "such a statement fail (and release them) after a bound you chose.";
    }

    @Override
    public String fix() {
        return "SET statement_timeout at the top of the migration (or configure the runner's statement-timeout), "
                + "sized for the slowest statement the migration should ever need.";
    }

    @Override
    public void check(MigrationFile m, FindingSink out) {
        if (m.context().runnerSetsStatementTimeout()) {
            return;
        }
        boolean timeoutSet = false;
        for (int i = 0; i < m.statements().size(); i++) {
            Ddl ddl = m.statement(i).ddl();
            if (ddl instanceof Ddl.SetParameter p && p.parameter().equals("statement_timeout")) {
                String value = p.value().replace("'", "").trim();
                timeoutSet = !value.isEmpty() && !value.equals("0") && !value.equalsIgnoreCase("default");
                continue;
            }
            QName table = StatementLocks.table(ddl);
            if (!timeoutSet && canRunLong(ddl) && table != null && m.isLive(table, i)) {
                out.report(i, null, "can run for as long as " + table + " is large, holding its "
                        + m.lock(i).sqlName() + " lock, with no statement_timeout",
                        "SET statement_timeout = '15min';\n" + m.statement(i).sql(), null);
                return;
            }
        }
    }

    /** Statements whose work grows with the table: scans, rewrites, index builds, data changes. */
    static boolean canRunLong(Ddl ddl) {
        if (MigrationFile.isDataChange(ddl) || ddl instanceof Ddl.CreateIndex || ddl instanceof Ddl.Reindex
                || ddl instanceof Ddl.Vacuum || ddl instanceof Ddl.Cluster) {
            return true;
        }
        if (ddl instanceof Ddl.AlterTable alter) {
            for (AlterAction a : alter.actions()) {
                if (a instanceof AlterAction.ValidateConstraint || a instanceof AlterAction.SetNotNull
                        || a instanceof AlterAction.AlterColumnType || a instanceof AlterAction.SetLogged
                        || (a instanceof AlterAction.AddConstraint c && !c.constraint().notValid()
                        && !c.constraint().usingIndex())
                        || (a instanceof AlterAction.AddColumn add && (add.column().generatedStored()
                        || add.column().identity() || add.column().type().name().endsWith("serial")))) {
                    return true;
                }
            }
        }
        return false;
    }
}
