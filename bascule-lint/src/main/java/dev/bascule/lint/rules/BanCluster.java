package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** CLUSTER in a migration. */
public final class BanCluster extends StatementRule {

    @Override
    public String id() {
        return "ban-cluster";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "CLUSTER in a migration.";
    }

    @Override
    public String why() {
        return "CLUSTER rewrites the table in index order under an ACCESS EXCLUSIVE lock: reads and writes stop for the whole rewrite.";
    }

    @Override
    public String fix() {
        return "Use pg_repack --order-by (online) outside the migration, or accept the current physical order.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.Cluster c) {
            String target = c.table() == null ? "" : " " + c.table();
            out.report(index, null, "CLUSTER" + target + " rewrites the table under an ACCESS EXCLUSIVE lock",
                    "-- online, outside the migration:\npg_repack --order-by=<columns> --table" + target, c.table());
        }
    }
}
