package dev.bascule.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The lazily built command tree: one command's model for a run of it, the whole tree wherever output lists commands. */
class CommandTableTest {

    @TempDir
    Path tmp;

    private static final List<String> ALL = List.copyOf(CommandTable.COMMANDS.keySet());

    @Test
    void eachNameIsItsClasssCommandName() {
        for (Map.Entry<String, Class<?>> e : CommandTable.COMMANDS.entrySet()) {
            assertThat(e.getValue().getAnnotation(CommandLine.Command.class).name()).as(e.getValue().getName()).isEqualTo(e.getKey());
        }
        assertThat(ALL).hasSize(24).startsWith("migrate", "down").endsWith("completion", "help");
    }

    @Test
    void aRunOfOneCommandBuildsThatCommandAlone() {
        assertThat(CommandTable.needed(List.of("status", "--url", "jdbc:postgresql://h/db", "--json"))).containsExactly("status");
        assertThat(CommandTable.needed(List.of("--debug", "-q", "migrate", "--target", "3"))).containsExactly("migrate");
        assertThat(CommandTable.needed(List.of("gen", "migration", "add_users"))).containsExactly("gen");
        assertThat(CommandTable.needed(List.of("--version"))).isEmpty();
        assertThat(CommandTable.needed(List.of("--verbose", "-V"))).isEmpty();
    }

    @Test
    void helpCompletionUnknownNamesAndRootOptionsGetTheWholeTree() {
        for (List<String> args : List.of(List.<String>of(), List.of("-h"), List.of("--help", "status"), List.of("-h", "status"),
                List.of("help", "status"), List.of("completion"), List.of("stauts"), List.of("--bogus", "status"),
                List.of("--version", "status"), List.of("-qh"))) {
            assertThat(CommandTable.needed(args)).as(args.toString()).isEqualTo(ALL);
        }
    }

    @Test
    void theTopLevelUsageStillListsEveryCommand() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-q", "--help"}, new String[0])) {
            CliRun run = CliRun.run(tmp, args);
            for (String name : ALL) {
                assertThat(run.out()).as(String.join(" ", args)).containsPattern("(?m)^  " + name + "\\b");
            }
        }
        CliRun version = CliRun.run(tmp, "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("bascule ");
        CliRun typo = CliRun.run(tmp, "stauts");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("the commands are: migrate, down, baseline, status");
    }
}
