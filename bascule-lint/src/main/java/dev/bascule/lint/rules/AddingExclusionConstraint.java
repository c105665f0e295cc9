package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.TableConstraint;

/** EXCLUDE constraint added to an existing table. */
public final class AddingExclusionConstraint extends AlterActionRule {

    @Override
    public String id() {
        return "adding-exclusion-constraint";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "An EXCLUDE constraint added to an existing table.";
    }

    @Override
    public String why() {
        return "An exclusion constraint builds its index and checks every row under an ACCESS EXCLUSIVE lock, "
                + "and unlike UNIQUE it cannot be attached from an index built CONCURRENTLY, nor added NOT VALID.";
    }

    @Override
    public String fix() {
        return "Enforce the rule in a trigger (or the application) for new rows, or create the constraint on a "
                + "new table and move the data there in batches.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl.AlterTable alter, AlterAction action, FindingSink out) {
        if (action instanceof AlterAction.AddConstraint add
                && add.constraint().kind() == TableConstraint.Kind.EXCLUDE) {
            String t = alter.table().toString();
            out.report(index, action.at(), "EXCLUDE constraint on existing table " + t
                            + " builds its index and checks every row under an ACCESS EXCLUSIVE lock",
                    "-- enforce for new rows with a trigger instead, e.g.\nCREATE FUNCTION " + t
                            + "_exclude_check() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN /* reject "
                            + "overlapping rows */ RETURN NEW; END $$;\nCREATE TRIGGER " + t + "_exclude BEFORE "
                            + "INSERT OR UPDATE ON " + t + " FOR EACH ROW EXECUTE FUNCTION " + t + "_exclude_check();",
                    alter.table());
        }
    }
}
