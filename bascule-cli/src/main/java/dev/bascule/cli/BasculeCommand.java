package dev.bascule.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code bascule} command; each job is a subcommand class of its own. */
@Command(name = "bascule", mixinStandardHelpOptions = true, version = "bascule 0.1.0",
        description = "PostgreSQL schema migrations that keep the application serving.",
        subcommands = {CommandLine.HelpCommand.class, SplitCommand.class, LintCommand.class})
public final class BasculeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static int run(String[] args) {
        return new CommandLine(new BasculeCommand()).execute(args);
    }
}
