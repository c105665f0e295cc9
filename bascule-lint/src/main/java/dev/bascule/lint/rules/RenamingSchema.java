package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** ALTER SCHEMA ... RENAME TO. */
public final class RenamingSchema extends StatementRule {

    @Override
    public String id() {
        return "renaming-schema";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A schema renamed.";
    }

    @Override
    public String why() {
        return "Every query of the application version still running that names the schema, and every "
                + "search_path listing it, fails from the moment the migration commits.";
    }

    @Override
    public String fix() {
        return "Create the new schema and move objects one by one with compatibility views (or keep the old name "
                + "on the search_path) until no deployed code uses the old name.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.RenameSchema r) {
            out.report(index, null, "renaming schema " + r.from() + " to " + r.to() + " breaks every query of the "
                    + "running application that names " + r.from(), "", null);
        }
    }
}
