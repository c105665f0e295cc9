package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.TableConstraint;

/** CREATE TABLE without a primary key (MilMove convention, seed 000). */
public final class RequirePrimaryKey extends StatementRule {

    @Override
    public String id() {
        return "require-primary-key";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "CREATE TABLE without a primary key.";
    }

    @Override
    public String why() {
        return "Without a primary key rows cannot be addressed one by one: ORMs cannot update or delete them, "
                + "logical replication cannot replicate UPDATE and DELETE, and duplicates creep in. Adding one "
                + "later builds an index under an ACCESS EXCLUSIVE lock.";
    }

    @Override
    public String fix() {
        return "Declare the key when creating the table, e.g. id uuid PRIMARY KEY NOT NULL.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.CreateTable t && !t.asQueryOrLike()) {
            boolean hasKey = t.columns().stream().anyMatch(ColumnDef::primaryKey)
                    || t.constraints().stream().anyMatch(c -> c.kind() == TableConstraint.Kind.PRIMARY_KEY);
            boolean alteredLater = false;
            for (int i = index + 1; i < m.statements().size() && !hasKey; i++) {
                if (m.statement(i).ddl() instanceof Ddl.AlterTable a && a.table().equals(t.table())) {
                    alteredLater |= a.actions().stream().anyMatch(x ->
                            x instanceof dev.bascule.lint.parse.AlterAction.AddConstraint add
                                    && add.constraint().kind() == TableConstraint.Kind.PRIMARY_KEY);
                }
            }
            if (!hasKey && !alteredLater) {
                out.report(index, null, "table " + t.table() + " has no primary key",
                        "CREATE TABLE " + t.table() + " (\n    id uuid PRIMARY KEY NOT NULL,\n    ...\n);", null);
            }
        }
    }
}
