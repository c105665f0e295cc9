package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.error.BasculeException;
import dev.bascule.expand.ColumnChange;
import dev.bascule.generate.ChangeGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** {@code gen expand-contract}, {@code gen function}, {@code gen trigger}: seed 003's three phases and fx's definitions. */
final class GenChangeCommands {

    private GenChangeCommands() {
    }

    /** Where definitions go; shared by the three commands. */
    static final class DefinitionFolders {
        @Option(names = "--functions-dir", paramLabel = "DIR", defaultValue = "db/functions",
                description = "Folder of versioned function definitions (default: ${DEFAULT-VALUE}).")
        String functions;

        @Option(names = "--triggers-dir", paramLabel = "DIR", defaultValue = "db/triggers",
                description = "Folder of versioned trigger definitions (default: ${DEFAULT-VALUE}).")
        String triggers;

        ChangeGenerator.Folders folders() {
            return new ChangeGenerator.Folders(Path.of(functions), Path.of(triggers));
        }
    }

    @Command(name = "expand-contract", description = {"Generate a three-phase change of one column (seed 003): phase 1"
            + " adds the new column, a sync trigger and a batched backfill; phase 2 syncs both ways; phase 3 drops the"
            + " old column. Reads the column from the environment's database."})
    static final class ExpandContractCommand extends DatabaseCommand {

        @Option(names = "--rename-column", arity = "2", paramLabel = "TABLE.OLD NEW", description = "Rename a column.")
        List<String> rename;

        @Option(names = "--change-type", arity = "2", paramLabel = "TABLE.COLUMN TYPE", description = "Change a column's type.")
        List<String> changeType;

        @Option(names = "--using", paramLabel = "EXPR", description = "With --change-type: how old values convert.")
        String using;

        @Option(names = "--reverse-using", paramLabel = "EXPR", description = "With --change-type: how new values convert back (phase 2).")
        String reverseUsing;

        @Option(names = "--as", paramLabel = "NAME", description = "With --change-type: the new column's name (default COLUMN_new).")
        String as;

        @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "The change's name (default derived).")
        String name;

        @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "1000", description = "Rows per backfill batch.")
        int batchSize;

        @Option(names = "--keep", paramLabel = "NAME", split = ",", description = "Constraints/indexes (or 'default') not to carry to the new column.")
        List<String> keep = List.of();

        @picocli.CommandLine.Mixin
        DefinitionFolders definitions = new DefinitionFolders();

        @Override
        int run(Bascule bascule, PrintWriter out, PrintWriter err) {
            if ((rename == null) == (changeType == null)) {
                throw new BasculeException.Configuration("gen expand-contract: give exactly one of --rename-column TABLE.OLD NEW"
                        + " or --change-type TABLE.COLUMN TYPE");
            }
            ColumnChange change = rename != null ? ColumnChange.rename(rename.get(0), rename.get(1))
                    : ColumnChange.changeType(changeType.get(0), changeType.get(1), using, reverseUsing, as);
            GenCommand.print(bascule.newExpandContract(change, Optional.ofNullable(name), batchSize, new HashSet<>(keep),
                    definitions.folders()), root().workingDir(), out, err);
            return 0;
        }
    }

    /** The next version of one definition, of the kind the subclass names; the two commands differ in nothing else. */
    abstract static class DefinitionCommand extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "snake_case name.")
        String name;

        @picocli.CommandLine.Mixin
        DefinitionFolders definitions = new DefinitionFolders();

        abstract String kind();

        @Override
        int run(Bascule bascule, PrintWriter out, PrintWriter err) {
            GenCommand.print(bascule.newDefinition(kind(), name, definitions.folders()), root().workingDir(), out, err);
            return 0;
        }
    }

    @Command(name = "function", description = "Create the next version of a function definition (db/functions/NAME_vNN.sql,"
            + " copying the previous one) and a migration that installs it with \\ir.")
    static final class FunctionCommand extends DefinitionCommand {
        @Override
        String kind() {
            return "function";
        }
    }

    @Command(name = "trigger", description = "Create the next version of a trigger definition (db/triggers/NAME_vNN.sql,"
            + " copying the previous one) and a migration that installs it with \\ir.")
    static final class TriggerCommand extends DefinitionCommand {
        @Override
        String kind() {
            return "trigger";
        }
    }
}
