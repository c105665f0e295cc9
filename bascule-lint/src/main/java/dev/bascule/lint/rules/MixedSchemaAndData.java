package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.model.StatementLocks;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.QName;

/** One migration both changes the schema and changes data in tables that already existed. */
public final class MixedSchemaAndData implements Rule {

    @Override
    public String id() {
        return "mixed-schema-and-data";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "Schema changes and data changes to existing tables in the same migration.";
    }

    @Override
    public String why() {
        return "In one transaction the schema change's locks are held while the data change runs, so a backfill "
                + "of minutes becomes minutes of blocked traffic; and a failed data change rolls back the schema "
                + "change with it. Seeds 002 and 003 keep the two apart.";
    }

    @Override
    public String fix() {
        return "Split the file: a schema migration, then a data migration (batched when it touches many rows). "
                + "Filling a table created in the same migration is fine.";
    }

    @Override
    public void check(MigrationFile m, FindingSink out) {
        if (m.declaredDataMigration()) {
            // -- bascule:data says the file changes data only: any schema change in it is the mix.
            for (int i = 0; i < m.statements().size(); i++) {
                if (isSchemaChange(m.statement(i).ddl())) {
                    out.report(i, null, "changes the schema in a data migration (-- bascule:data): its locks are "
                                    + "held while the data changes run",
                            "-- move this statement to a schema migration of its own, before this one:\n"
                                    + m.statement(i).sql(), StatementLocks.table(m.statement(i).ddl()));
                    return;
                }
            }
            return;
        }
        int schemaLine = -1;
        int firstData = -1;
        for (int i = 0; i < m.statements().size(); i++) {
            Ddl ddl = m.statement(i).ddl();
            if (MigrationFile.isDataChange(ddl)) {
                QName table = StatementLocks.table(ddl);
                if (firstData < 0 && !m.createdInFile(table, i) && m.isExisting(table, i)) {
                    firstData = i;
                }
            } else if (schemaLine < 0 && isSchemaChange(ddl)) {
                schemaLine = m.statement(i).line();
            }
        }
        if (schemaLine > 0 && firstData >= 0) {
            out.report(firstData, null, "changes data of an existing table in a migration that also changes the "
                            + "schema (line " + schemaLine + ")",
                    "-- move this statement to a data migration of its own, after the schema migration:\n"
                            + m.statement(firstData).sql(), StatementLocks.table(m.statement(firstData).ddl()));
        }
    }

    private static boolean isSchemaChange(Ddl ddl) {
        return ddl instanceof Ddl.CreateTable || ddl instanceof Ddl.AlterTable || ddl instanceof Ddl.CreateIndex
                || ddl instanceof Ddl.DropIndex || ddl instanceof Ddl.DropTable || ddl instanceof Ddl.DropOther
                || ddl instanceof Ddl.AlterTypeAddValue
                || (ddl instanceof Ddl.Opaque o && o.schemaChange() && !o.words().startsWith("COMMENT"));
    }
}
