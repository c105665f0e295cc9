package dev.bascule.cli;

import dev.bascule.Bascule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

@Command(name = "adopt", description = {
        "Import another tool's history as applied, so an existing database continues",
        "without re-running anything. The other tool's table is only read. Idempotent.",
        "pop: the versions in Pop's schema_migration ('milmove migrate', 'soda migrate').",
        "flyway: flyway_schema_history: successful versions, a baseline, unchanged",
        "  repeatables; a failed row is refused.",
        "golang-migrate: schema_migrations: every version up to the recorded one;",
        "  a dirty one is refused (fix the database, then 'migrate force').",
        "dbmate: schema_migrations: one row per applied version.",
        "prisma: _prisma_migrations: finished, not rolled back; a failed one is refused.",
        "For all but pop, convert the files first with 'bascule import'."})
final class AdoptCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "TOOL", description = "The tool whose history to import: pop, flyway, golang-migrate, dbmate or prisma.")
    String tool;

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        var result = bascule.adopt(tool);
        out.println("adopted " + result.adopted().size() + " migration(s) from " + Bascule.adopterName(tool) + "'s "
                + result.table() + " into " + bascule.settings().history().qualifiedName() + " ("
                + result.alreadyRecorded() + " already recorded, " + result.unknown().size() + " unknown version(s))");
        return 0;
    }

}
