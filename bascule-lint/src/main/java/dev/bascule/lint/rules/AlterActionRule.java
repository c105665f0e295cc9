package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.QName;

/**
 * A rule about ALTER TABLE sub-commands on tables other sessions use: tables that existed before the migration,
 * or that an earlier, committed statement created filled (CREATE TABLE ... AS, SELECT ... INTO).
 */
abstract class AlterActionRule extends StatementRule {

    @Override
    final void check(MigrationFile migration, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.AlterTable alter && appliesTo(migration, alter.table(), index)) {
            for (AlterAction action : alter.actions()) {
                check(migration, index, alter, action, out);
            }
        }
    }

    abstract void check(MigrationFile migration, int index, Ddl.AlterTable alter, AlterAction action,
                        FindingSink out);

    /** Which tables the rule looks at; by default those whose locks can block someone ({@code isLive}). */
    boolean appliesTo(MigrationFile migration, QName table, int index) {
        return migration.isLive(table, index);
    }
}
