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
     * picocli formats every description as written in its annotation with String.format: a bare '%' (as in LIKE
     * 'tenant_%') makes it print "[picocli WARN] Could not format ..." to the terminal on each help. Checks the
     * annotations of every class of this package, as picocli would read them.
     */
    @Test
    void everyAnnotatedDescriptionIsAValidFormatString() throws Exception {
        Path classes = Path.of(BasculeCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/bascule/cli");
        List<String> bad = new ArrayList<>();
        int checked = 0;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString();
                Class<?> type = Class.forName("dev.bascule.cli." + name.substring(0, name.length() - ".class".length()));
                List<String> texts = new ArrayList<>();
                CommandLine.Command command = type.getAnnotation(CommandLine.Command.class);
                if (command != null) {
                    texts.addAll(List.of(command.description()));
                    texts.addAll(List.of(command.header()));
                    texts.addAll(List.of(command.footer()));
                }
                for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                    CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
                    if (option != null) {
                        texts.addAll(List.of(option.description()));
                    }
                    CommandLine.Parameters parameters = field.getAnnotation(CommandLine.Parameters.class);
                    if (parameters != null) {
                        texts.addAll(List.of(parameters.description()));
                    }
                }
                for (String text : texts) {
                    checked++;
                    try {
                        String.format(text);
                    } catch (java.util.IllegalFormatException e) {
                        bad.add(type.getSimpleName() + ": " + e + " in: " + text.replace("%", "<percent>"));
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(bad).isEmpty();
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
