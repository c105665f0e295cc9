package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;

/** A rule about ALTER TABLE sub-commands on tables that existed before the migration. */
abstract class AlterActionRule extends StatementRule {

    @Override
    final void check(MigrationFile migration, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.AlterTable alter && migration.isExisting(alter.table(), index)) {
            for (AlterAction action : alter.actions()) {
                check(migration, index, alter, action, out);
            }
        }
    }

    abstract void check(MigrationFile migration, int index, Ddl.AlterTable alter, AlterAction action,
                        FindingSink out);
}
