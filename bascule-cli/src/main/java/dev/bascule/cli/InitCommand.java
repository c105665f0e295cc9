package dev.bascule.cli;

import dev.bascule.config.Presets;
import dev.bascule.error.BasculeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "init", description = "Write a bascule.yml in the working directory, optionally from a preset layout.")
final class InitCommand implements Callable<Integer> {

    @ParentCommand
    BasculeCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", description = "A ready stage layout: milmove.")
    String preset;

    @Option(names = "--root", paramLabel = "DIR", description = "Where the preset's tree is (default for milmove: migrations/app).")
    String treeRoot;

    @Option(names = "--force", description = "Overwrite an existing bascule.yml.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Path file = root.workingDir().resolve("bascule.yml");
        if (Files.exists(file) && !force) {
            throw new BasculeException.Configuration(file + ": already exists: edit it, or pass --force to overwrite it");
        }
        if (preset != null && !Presets.exists(preset)) {
            throw new BasculeException.Configuration("--preset " + preset + ": unknown preset; known presets: " + Presets.names());
        }
        if (treeRoot != null && preset == null) {
            throw new BasculeException.Configuration("--root is only for a preset: add --preset milmove");
        }
        Files.writeString(file, preset == null ? plain() : withPreset());
        spec.commandLine().getOut().println("wrote " + Target.displayPath(file, root.workingDir())
                + (preset == null ? "" : " with preset " + preset) + ": set the database (url, or DATABASE_URL) and run"
                + " 'bascule status'");
        return 0;
    }

    private String withPreset() {
        String treeDir = treeRoot != null ? treeRoot : Presets.defaultRoot(preset);
        return """
                # Bascule configuration. Stages of the %1$s preset, in order: %2$s
                # (see docs/stages-and-presets.md; replace 'preset' with 'stages:' to change them).
                default-environment: local
                environments:
                  local:
                    # url: jdbc:postgresql://localhost:5432/dev_db   (without a url: the embedded PostgreSQL 17)
                    # password: ${DB_PASSWORD}
                    preset: %1$s
                    root: %3$s
                    # adopt: pop   # first run on a database Pop migrated: import schema_migration as applied
                """.formatted(preset, String.join(", ", Presets.stages(preset, treeDir).stream()
                .map(s -> s.name() + " (" + (s.mode() == null ? "versioned" : s.mode()) + ")").toList()), treeDir);
    }

    private static String plain() {
        return """
                # Bascule configuration (see docs/configuration.md).
                default-environment: local
                environments:
                  local:
                    # url: jdbc:postgresql://localhost:5432/dev_db   (without a url: the embedded PostgreSQL 17)
                    # password: ${DB_PASSWORD}
                    paths: [migrations]
                    # manifest: migrations/manifest.txt
                """;
    }
}
