package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.error.BasculeException;
import dev.bascule.generate.DataMigrationGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code bascule gen data-migration -n NAME [--from-csv FILE --table T]}: a data migration in the data stage, with
 * the CSV's rows as INSERTs and ids generated once.
 */
@Command(name = "data-migration", description = "Create a data migration (-- bascule:data) in the data stage (or the"
        + " first local path) and add it to the manifest; with --from-csv, INSERTs of the CSV's rows (header line ="
        + " column names, an empty unquoted field = NULL), with ids generated now when the CSV has no id column.")
final class GenDataMigrationCommand extends DatabaseCommand {

    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME", description = "snake_case name, e.g. add_duty_locations.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder for the new file (default: the data stage's first local path).")
    String dir;

    @Option(names = "--from-csv", paramLabel = "FILE", description = "RFC 4180 CSV in UTF-8 whose rows to insert.")
    String csv;

    @Option(names = "--table", paramLabel = "TABLE", description = "The table the CSV's rows go to (schema.table or table).")
    String table;

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        if ((csv == null) != (table == null)) {
            throw new BasculeException.Configuration("gen data-migration: --from-csv and --table go together: the CSV's"
                    + " rows need the table they go to, and a table needs the CSV of its rows");
        }
        Optional<DataMigrationGenerator.FromCsv> from = csv == null ? Optional.empty()
                : Optional.of(new DataMigrationGenerator.FromCsv(Path.of(csv), table));
        GenCommand.print(bascule.newDataMigration(name, Optional.ofNullable(dir), from), root().workingDir(), out, err);
        return 0;
    }
}
