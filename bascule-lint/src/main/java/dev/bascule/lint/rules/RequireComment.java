package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * New tables and columns without a COMMENT in the same migration (MilMove convention, seed 000); the exempt
 * columns (id, created_at, updated_at by default) come from {@code LintConfig.commentExemptColumns}.
 */
public final class RequireComment implements Rule {

    @Override
    public String id() {
        return "require-comment";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A new table or column without a COMMENT ON in the same migration.";
    }

    @Override
    public String why() {
        return "The schema is read by people who did not write it (analysts, the next team, auditors); a COMMENT "
                + "states what a table or column means where every tool shows it.";
    }

    @Override
    public String fix() {
        return "Add COMMENT ON TABLE and COMMENT ON COLUMN for every new table and column, except the exempt "
                + "columns (id, created_at, updated_at by default).";
    }

    @Override
    public void check(MigrationFile m, FindingSink out) {
        Set<String> commented = new HashSet<>();
        for (var s : m.statements()) {
            if (s.ddl() instanceof Ddl.Comment c && c.table() != null) {
                commented.add(c.column() == null ? c.table().key() : c.table().key() + "." + c.column());
            }
        }
        List<String> exempt = m.context().config().commentExemptColumns();
        for (int i = 0; i < m.statements().size(); i++) {
            Ddl ddl = m.statement(i).ddl();
            if (ddl instanceof Ddl.CreateTable t) {
                String key = t.table().key();
                if (!commented.contains(key)) {
                    out.report(i, null, "new table " + key + " has no COMMENT ON TABLE",
                            "COMMENT ON TABLE " + key + " IS '<what one row of " + key + " represents>';", null);
                }
                for (ColumnDef col : t.columns()) {
                    column(i, key, col, commented, exempt, out);
                }
            } else if (ddl instanceof Ddl.AlterTable a) {
                for (AlterAction action : a.actions()) {
                    if (action instanceof AlterAction.AddColumn add) {
                        column(i, a.table().key(), add.column(), commented, exempt, out);
                    }
                }
            }
        }
    }

    private static void column(int index, String table, ColumnDef col, Set<String> commented, List<String> exempt,
                               FindingSink out) {
        if (!exempt.contains(col.name()) && !commented.contains(table + "." + col.name())) {
            out.report(index, col.at(), "new column " + table + "." + col.name() + " has no COMMENT ON COLUMN",
                    "COMMENT ON COLUMN " + table + "." + col.name() + " IS '<what " + col.name() + " holds>';", null);
        }
    }
}
