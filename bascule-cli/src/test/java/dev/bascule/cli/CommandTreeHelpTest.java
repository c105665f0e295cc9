package dev.bascule.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command and subcommand answers --help and -h with its own usage and exit 0; unknown commands exit 2. */
class CommandTreeHelpTest {

    @TempDir
    Path tmp;

    private static void collect(CommandLine cl, List<String> into) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            into.add(sub.getCommandSpec().qualifiedName(" ").substring("bascule ".length()));
            collect(sub, into);
        }
    }

    @Test
    void everyCommandAnswersHelpWithItsOwnUsage() {
        List<String> commands = new ArrayList<>();
        collect(BasculeCommand.newCommandLine(tmp, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), commands);
        assertThat(commands).contains("migrate", "gen migration", "gen secure-migration", "secure upload", "adopt", "lint");
        for (String command : commands) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(List.of(command.split(" ")));
                args.add(flag);
                CliRun run = CliRun.run(tmp, args.toArray(String[]::new));
                assertThat(run.exitCode()).as(command + " " + flag + "\n" + run).isZero();
                assertThat(run.out()).as(command + " " + flag).startsWith("Usage: bascule " + command);
            }
            CliRun help = CliRun.run(tmp, ("help " + command).split(" "));
            assertThat(help.exitCode()).as("help " + command).isZero();
            assertThat(help.out()).as("help " + command).startsWith("Usage: bascule " + command);
        }
    }

    /**
     * picocli formats every description with String.format: a bare '%' (as in LIKE 'tenant_%') makes it print a
     * "[picocli WARN] Could not format" line to the terminal on each help.
     */
    @Test
    void everyDescriptionIsAValidFormatString() {
        List<CommandLine> all = new ArrayList<>();
        collectLines(BasculeCommand.newCommandLine(tmp, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), all);
        List<String> bad = new ArrayList<>();
        for (CommandLine cl : all) {
            CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
            List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
            spec.args().forEach(arg -> texts.addAll(List.of(arg.description())));
            for (String text : texts) {
                try {
                    String.format(text);
                } catch (java.util.IllegalFormatException e) {
                    bad.add(spec.qualifiedName() + ": " + text);
                }
            }
        }
        assertThat(bad).isEmpty();
    }

    private static void collectLines(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().forEach(sub -> collectLines(sub, into));
    }

    @Test
    void unknownCommandsExitTwoWhateverFollowsThem() {
        for (String args : List.of("rollback", "undo --help", "chore run --help", "gen bogus -h", "help gen bogus")) {
            CliRun run = CliRun.run(tmp, args.split(" "));
            assertThat(run.exitCode()).as(args + "\n" + run).isEqualTo(2);
            assertThat(run.err()).as(args).contains("unknown command").doesNotContain("Did you mean");
            assertThat(run.out()).as(args).isEmpty();
        }
    }
}
