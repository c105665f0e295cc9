package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** TRUNCATE ... CASCADE. */
public final class BanTruncateCascade extends StatementRule {

    @Override
    public String id() {
        return "ban-truncate-cascade";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "TRUNCATE ... CASCADE.";
    }

    @Override
    public String why() {
        return "CASCADE empties every table that references the truncated ones, recursively, which is rarely what the author meant and cannot be undone; each table is locked ACCESS EXCLUSIVE.";
    }

    @Override
    public String fix() {
        return "Name every table to empty explicitly, without CASCADE, so the statement fails instead of deleting more than intended.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.Truncate t && t.cascade()) {
            StringBuilder tables = new StringBuilder();
            for (var table : t.tables()) {
                tables.append(tables.length() == 0 ? "" : ", ").append(table);
            }
            out.report(index, null, "TRUNCATE ... CASCADE also empties every table referencing " + tables,
                    "TRUNCATE " + tables + ", <each referencing table you mean to empty>;", t.tables().get(0));
        }
    }
}
