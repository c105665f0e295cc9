package dev.bascule.cli;

import dev.bascule.catalog.Manifest;
import dev.bascule.catalog.ManifestWriter;
import dev.bascule.catalog.MigrationFileName;
import dev.bascule.catalog.Stage;
import dev.bascule.config.ResolvedEnvironment;
import dev.bascule.error.BasculeException;
import dev.bascule.source.MigrationSource;
import dev.bascule.source.SourceEntry;
import dev.bascule.source.Sources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "update-manifest", description = "Rewrite the manifest from the files in the paths, keeping comment lines.")
final class UpdateManifestCommand implements Callable<Integer> {

    @ParentCommand
    BasculeCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--stage", paramLabel = "NAME", description = "With stages: the stage whose manifest to rewrite.")
    String stageName;

    @Override
    public Integer call() throws IOException {
        ResolvedEnvironment env = Target.resolve(target, root.workingDir());
        Stage stage = chooseStage(env);
        Path manifestPath = Path.of(stage.manifest().orElseThrow(() -> new BasculeException.Configuration(
                "update-manifest: no manifest configured: pass --manifest FILE or set manifest in bascule.yml")));
        Optional<Manifest> existing = Files.exists(manifestPath)
                ? Optional.of(Manifest.parse(manifestPath.toString(), Files.readString(manifestPath))) : Optional.empty();
        Map<String, MigrationFileName> files = new LinkedHashMap<>();
        for (String location : stage.locations()) {
            try (MigrationSource source = Sources.open(location, env.sourceSettings(), env.baseDir())) {
                for (SourceEntry entry : source.list()) {
                    MigrationFileName.parse(entry.name()).value()
                            .filter(f -> f.direction() == MigrationFileName.Direction.UP)
                            .ifPresent(f -> files.putIfAbsent(f.fileName(), f));
                }
            }
        }
        String text = ManifestWriter.rewrite(existing, List.copyOf(files.values()));
        Files.writeString(manifestPath, text);
        spec.commandLine().getOut().println("wrote " + Target.displayPath(manifestPath, root.workingDir()) + " with "
                + files.size() + " migration(s)");
        return 0;
    }

    private Stage chooseStage(ResolvedEnvironment env) {
        List<String> names = env.stages().stream().map(Stage::name).toList();
        if (stageName != null) {
            return env.stages().stream().filter(s -> s.name().equals(stageName)).findFirst().orElseThrow(() ->
                    new BasculeException.Configuration("--stage " + stageName + ": environment '" + env.name()
                            + "' has no such stage; its stages: " + names));
        }
        if (env.stages().size() > 1) {
            // Several stages share folders (MilMove's DML files sit beside the legacy ones): a manifest written
            // from all of them would list files of other stages.
            throw new BasculeException.Configuration("update-manifest: environment '" + env.name() + "' has stages "
                    + names + ": choose the one whose manifest to rewrite with --stage NAME");
        }
        return env.stages().get(0);
    }
}
