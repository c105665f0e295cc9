package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.catalog.Migration;
import dev.bascule.catalog.Version;
import dev.bascule.error.BasculeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

@Command(name = "down", description = {"Undo applied migrations newest first with their .down.sql files, each in one"
        + " transaction with the removal of its history row. Refused outside dev environments unless --yes or"
        + " allow-down: true."})
final class DownCommand extends DatabaseCommand {

    @Option(names = "--to", paramLabel = "VERSION", description = "Undo everything applied after this version (it stays applied); 0 undoes all.")
    String to;

    @Option(names = "--steps", paramLabel = "N", description = "Undo the last N applied migrations.")
    Integer steps;

    @Option(names = {"-y", "--yes"}, description = "Confirm a down outside a dev environment.")
    boolean yes;

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        List<Migration> undone;
        if (to != null && to.strip().matches("0+") && steps == null) {
            undone = bascule.downAll(yes);
        } else {
            Optional<Version> version;
            try {
                version = Optional.ofNullable(to).map(Version::parse);
            } catch (IllegalArgumentException e) {
                throw new BasculeException.Configuration("--to: " + e.getMessage());
            }
            undone = bascule.down(version, Optional.ofNullable(steps), yes);
        }
        out.println("undid " + undone.size() + " migration(s) on " + bascule.settings().environment());
        return 0;
    }
}
