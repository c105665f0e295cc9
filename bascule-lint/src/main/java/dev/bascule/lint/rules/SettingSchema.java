package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;

/** ALTER TABLE/TYPE/VIEW/FUNCTION/SEQUENCE ... SET SCHEMA: the object moves away from its old name. */
public final class SettingSchema extends StatementRule {

    @Override
    public String id() {
        return "setting-schema";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "An existing table, type, view, function or sequence moved to another schema (SET SCHEMA).";
    }

    @Override
    public String why() {
        return "Moving an object changes its qualified name: the running application's queries that name the old "
                + "schema (or find the object through the search_path) fail. For a table or view it takes an "
                + "ACCESS EXCLUSIVE lock.";
    }

    @Override
    public String fix() {
        return "Create the object in the new schema beside the old one (or leave a view behind under the old "
                + "name), move the application over, then drop the old one.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.AlterTable alter && m.isExisting(alter.table(), index)) {
            for (AlterAction action : alter.actions()) {
                if (action instanceof AlterAction.SetSchema s) {
                    String t = alter.table().toString();
                    out.report(index, action.at(), "moving table " + t + " to schema " + s.schema()
                                    + " breaks the running application's queries that reach it by its old name",
                            "CREATE VIEW " + t + " AS SELECT * FROM " + s.schema() + "." + alter.table().name()
                                    + ";  -- after the move, until no deployed code uses the old name",
                            alter.table());
                }
            }
        } else if (ddl instanceof Ddl.SetSchema s) {
            out.report(index, null, "moving " + s.objectKind().toLowerCase(java.util.Locale.ROOT) + " " + s.object()
                    + " to schema " + s.schema() + " breaks the running application's uses of its old name", "",
                    null);
        }
    }
}
