package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.catalog.Version;
import dev.bascule.error.BasculeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "baseline", description = "On a database that already has the schema and no history, record every"
        + " migration up to VERSION as applied, so only later ones run.")
final class BaselineCommand extends DatabaseCommand {

    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The last migration the database already has.")
    String version;

    @Option(names = "--description", paramLabel = "TEXT", description = "Why (recorded as applied_by).")
    String description;

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        Version v;
        try {
            v = Version.parse(version);
        } catch (IllegalArgumentException e) {
            throw new BasculeException.Configuration("--version: " + e.getMessage());
        }
        out.println("baselined " + bascule.baseline(v, description).size() + " migration(s) up to " + v + " on "
                + bascule.settings().environment());
        return 0;
    }
}
