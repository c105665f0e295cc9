package dev.bascule.generate;

import dev.bascule.Settings;
import dev.bascule.catalog.Manifest;
import dev.bascule.catalog.ManifestWriter;
import dev.bascule.catalog.MigrationFileName;
import dev.bascule.catalog.Stage;
import dev.bascule.error.BasculeException;
import dev.bascule.source.Location;
import dev.bascule.source.MigrationSource;
import dev.bascule.source.SourceEntry;
import dev.bascule.source.Sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code update-manifest}: rewrites a stage's manifest from the files in its paths, keeping comment lines. */
public final class ManifestUpdater {

    /** The manifest written and how many migrations it lists. */
    public record Result(Path manifest, int migrations) {
    }

    private final Settings settings;

    public ManifestUpdater(Settings settings) {
        this.settings = settings;
    }

    /** @param stageName the stage whose manifest to rewrite; needed when the environment has several */
    public Result update(Optional<String> stageName) {
        Stage stage = chooseStage(stageName);
        Path manifestPath = Path.of(stage.manifest().orElseThrow(() -> new BasculeException.Configuration(
                "update-manifest: no manifest configured: pass --manifest FILE or set manifest in bascule.yml")));
        try {
            Optional<Manifest> existing = Files.exists(manifestPath)
                    ? Optional.of(Manifest.parse(manifestPath.toString(), Files.readString(manifestPath))) : Optional.empty();
            Map<String, MigrationFileName> files = new LinkedHashMap<>();
            for (Location location : stage.locations()) {
                try (MigrationSource source = Sources.open(location, settings.sourceSettings(), settings.isSecure(location))) {
                    for (SourceEntry entry : source.list()) {
                        MigrationFileName.parse(entry.name()).value()
                                .filter(f -> f.direction() == MigrationFileName.Direction.UP)
                                .ifPresent(f -> files.putIfAbsent(f.fileName(), f));
                    }
                }
            }
            Files.writeString(manifestPath, ManifestWriter.rewrite(existing, List.copyOf(files.values())));
            return new Result(manifestPath, files.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Stage chooseStage(Optional<String> stageName) {
        List<String> names = settings.stages().stream().map(Stage::name).toList();
        if (stageName.isPresent()) {
            return settings.stages().stream().filter(s -> s.name().equals(stageName.get())).findFirst().orElseThrow(() ->
                    new BasculeException.Configuration("--stage " + stageName.get() + ": environment '"
                            + settings.environment() + "' has no such stage; its stages: " + names));
        }
        if (settings.stages().size() > 1) {
            // Several stages share folders (MilMove's DML files sit beside the legacy ones): a manifest written
            // from all of them would list files of other stages.
            throw new BasculeException.Configuration("update-manifest: environment '" + settings.environment()
                    + "' has stages " + names + ": choose the one whose manifest to rewrite with --stage NAME");
        }
        return settings.stages().get(0);
    }
}
