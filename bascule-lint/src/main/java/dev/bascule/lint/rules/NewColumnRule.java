package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;

/** A rule about every column a migration defines, in CREATE TABLE or ALTER TABLE ... ADD COLUMN. */
abstract class NewColumnRule extends StatementRule {

    @Override
    final void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.CreateTable create) {
            for (ColumnDef column : create.columns()) {
                checkColumn(m, index, ddl, column, create.table().toString(), out);
            }
        } else if (ddl instanceof Ddl.AlterTable alter) {
            for (AlterAction action : alter.actions()) {
                if (action instanceof AlterAction.AddColumn add) {
                    checkColumn(m, index, ddl, add.column(), alter.table().toString(), out);
                }
            }
        }
    }

    abstract void checkColumn(MigrationFile m, int index, Ddl ddl, ColumnDef column, String table,
                              FindingSink out);
}
