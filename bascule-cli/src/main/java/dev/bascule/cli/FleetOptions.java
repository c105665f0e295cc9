package dev.bascule.cli;

import dev.bascule.fleet.Fleet;
import dev.bascule.fleet.FleetTarget;
import dev.bascule.fleet.FleetTargets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** Options every fleet command shares: which targets, how many at a time, and JSON output. */
final class FleetOptions {

    /** Exactly one way of naming the targets. */
    static final class Selection {
        @Option(names = "--envs", paramLabel = "PATTERN", required = true, description = "Every environment of"
                + " bascule.yml whose name matches: globs with * and ?, comma-separated (e.g. 'tenant_*').")
        String environments;

        @Option(names = "--targets", paramLabel = "FILE", required = true, description = "A file of connection URLs, one"
                + " jdbc:postgresql:// or postgres:// URL per line, # for comments; settings come from --env (or the"
                + " default environment).")
        Path file;

        @Option(names = "--databases-from", paramLabel = "QUERY", required = true, description = "The databases a query"
                + " returns (first column) on the server of --url or --env, e.g. \"SELECT datname FROM pg_database WHERE"
                + " datname LIKE 'tenant_%%'\".")
        String query;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + Fleet.DEFAULT_PARALLEL, description = "Targets"
            + " at a time (default ${DEFAULT-VALUE}). Each holds one connection for status and validate, two for migrate"
            + " (the run and its lock watcher): at most 2 x N connections.")
    int parallel;

    @Option(names = "--json", description = "Print the summary as JSON (targets, outcomes, counts, whole error messages).")
    boolean json;

    List<FleetTarget> targets(FleetTargets sources) {
        if (selection.environments != null) {
            return sources.environments(selection.environments);
        }
        if (selection.file != null) {
            return sources.urls(selection.file);
        }
        return sources.databasesFrom(selection.query);
    }
}
