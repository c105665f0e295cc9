package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;

/** VALIDATE CONSTRAINT in the same transaction as the ADD CONSTRAINT ... NOT VALID it validates. */
public final class ValidateInSameTransaction implements Rule {

    @Override
    public String id() {
        return "validate-in-same-transaction";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "VALIDATE CONSTRAINT in the same transaction that added the constraint NOT VALID.";
    }

    @Override
    public String why() {
        return "The ADD CONSTRAINT's lock (ACCESS EXCLUSIVE for CHECK, SHARE ROW EXCLUSIVE for foreign keys) is "
                + "held until the transaction commits, so validating in the same transaction scans the whole "
                + "table under that lock: NOT VALID buys nothing.";
    }

    @Override
    public String fix() {
        return "Commit the NOT VALID constraint first; run VALIDATE CONSTRAINT in the next migration.";
    }

    @Override
    public void check(MigrationFile m, FindingSink out) {
        java.util.Map<String, Integer> addedNotValid = new java.util.HashMap<>();
        for (int i = 0; i < m.statements().size(); i++) {
            if (!(m.statement(i).ddl() instanceof Ddl.AlterTable alter)) {
                continue;
            }
            for (AlterAction action : alter.actions()) {
                if (action instanceof AlterAction.AddConstraint add && add.constraint().notValid()
                        && add.constraint().name() != null) {
                    addedNotValid.put(alter.table().key() + "." + add.constraint().name(), m.transaction(i));
                } else if (action instanceof AlterAction.ValidateConstraint v) {
                    Integer tx = addedNotValid.get(alter.table().key() + "." + v.name());
                    if (tx != null && tx >= 0 && tx == m.transaction(i)) {
                        out.report(i, action.at(), "constraint " + v.name() + " is validated in the transaction "
                                        + "that added it, so the scan runs under the ADD's lock",
                                "-- in the next migration file:\n" + m.statement(i).sql(), alter.table());
                    }
                }
            }
        }
    }
}
