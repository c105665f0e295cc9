package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** INSERT producing ids with uuid_generate_v4() or gen_random_uuid() (MilMove convention, seed 000). */
public final class BanUuidGenerationInInsert extends StatementRule {

    @Override
    public String id() {
        return "ban-uuid-generation-in-insert";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "uuid_generate_v4() or gen_random_uuid() producing ids in an INSERT of a migration.";
    }

    @Override
    public String why() {
        return "Each environment then gets different ids for the same reference rows, so later migrations, "
                + "fixtures and code cannot refer to a row by id, and a replay of the history produces other data.";
    }

    @Override
    public String fix() {
        return "Generate the UUIDs once (uuidgen) and write them into the migration as literals.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.Insert insert && insert.uuidCall() != null) {
            out.report(index, insert.uuidCall(), insert.uuidCall().text() + "() gives the rows inserted into "
                            + insert.table() + " different ids in every environment",
                    "-- generate once with uuidgen and write the literal, e.g.\nINSERT INTO " + insert.table()
                            + " (id, ...) VALUES ('3f2c7a4e-8d1b-4c5e-9a6f-0b7d2e1c4a98', ...);", insert.table());
        }
    }
}
