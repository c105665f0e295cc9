package dev.bascule.cli;

import dev.bascule.Project;
import dev.bascule.Settings;
import dev.bascule.fleet.Fleet;
import dev.bascule.fleet.FleetOperation;
import dev.bascule.fleet.FleetReport;
import dev.bascule.fleet.FleetTarget;
import dev.bascule.fleet.FleetTargets;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A fleet command: finds the targets, runs the operation on them through {@link Fleet} with a live progress view on
 * standard error, then prints the summary (table or JSON) on standard output. Exit 0 when every target succeeded,
 * {@link FleetCommand#EXIT_SOME_FAILED} when any did not, 2 when the targets could not be found at all.
 */
abstract class FleetSubcommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    FleetOptions fleet;

    abstract FleetOperation operation();

    /** migrate's {@code --target}; null for the others. */
    String targetVersion() {
        return null;
    }

    /** Command-specific settings applied to every target (none by default). */
    Settings adjust(Settings settings) {
        return settings;
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BasculeCommand root = (BasculeCommand) spec.root().userObject();
        Project project = root.project(target.config);
        FleetTargets sources = new FleetTargets(project, System::getenv, target.overrides(targetVersion()));
        List<FleetTarget> targets = fleet.targets(sources).stream().map(t -> t.withSettings(this::adjust)).toList();
        FleetProgressView view = FleetProgressView.forConsole(err);
        FleetReport report = new Fleet(targets, fleet.parallel).run(operation(), view);
        view.close();
        out.print(fleet.json ? report.json() : report.table());
        out.flush();
        return report.allSucceeded() ? 0 : FleetCommand.EXIT_SOME_FAILED;
    }
}
