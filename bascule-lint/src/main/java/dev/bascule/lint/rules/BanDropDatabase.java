package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** DROP DATABASE in a migration. */
public final class BanDropDatabase extends StatementRule {

    @Override
    public String id() {
        return "ban-drop-database";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "DROP DATABASE in a migration.";
    }

    @Override
    public String why() {
        return "It destroys a whole database, irreversibly; a migration replayed in the wrong environment "
                + "takes production with it.";
    }

    @Override
    public String fix() {
        return "Do it by hand, outside the migration history, after a backup.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.DropDatabase d) {
            out.report(index, null, "DROP DATABASE " + d.database() + " destroys a whole database", "", null);
        }
    }
}
