package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.generate.GeneratedFiles;
import dev.bascule.generate.ManifestUpdater;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Optional;

@Command(name = "update-manifest", description = "Rewrite the manifest from the files in the paths, keeping comment lines.")
final class UpdateManifestCommand extends DatabaseCommand {

    @Option(names = "--stage", paramLabel = "NAME", description = "With stages: the stage whose manifest to rewrite.")
    String stageName;

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        ManifestUpdater.Result result = bascule.updateManifest(Optional.ofNullable(stageName));
        out.println("wrote " + GeneratedFiles.display(result.manifest(), root().workingDir()) + " with "
                + result.migrations() + " migration(s)");
        return 0;
    }
}
