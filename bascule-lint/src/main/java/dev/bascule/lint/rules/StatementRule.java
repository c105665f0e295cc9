package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.parse.Ddl;

/** A rule that looks at statements one at a time. */
abstract class StatementRule implements Rule {

    @Override
    public final void check(MigrationFile migration, FindingSink out) {
        for (int i = 0; i < migration.statements().size(); i++) {
            check(migration, i, migration.statement(i).ddl(), out);
        }
    }

    abstract void check(MigrationFile migration, int index, Ddl ddl, FindingSink out);
}
