package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** VACUUM FULL in a migration. */
public final class BanVacuumFull extends StatementRule {

    @Override
    public String id() {
        return "ban-vacuum-full";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "VACUUM FULL in a migration.";
    }

    @Override
    public String why() {
        return "VACUUM FULL rewrites the table into a new file under an ACCESS EXCLUSIVE lock: no reads or writes until the copy is done, and it needs free disk for a second copy.";
    }

    @Override
    public String fix() {
        return "Plain VACUUM (no blocking lock) reclaims space for reuse; to shrink the file online use pg_repack or pg_squeeze outside the migration.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.Vacuum v && v.full()) {
            String target = v.tables().isEmpty() ? "" : " " + v.tables().get(0);
            out.report(index, null, "VACUUM FULL" + target + " rewrites the table under an ACCESS EXCLUSIVE lock",
                    "VACUUM (ANALYZE)" + target + ";\n-- or, to shrink the file online: pg_repack --table" + target,
                    v.tables().isEmpty() ? null : v.tables().get(0));
        }
    }
}
