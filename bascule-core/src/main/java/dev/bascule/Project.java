package dev.bascule;

import dev.bascule.config.ConfigFile;
import dev.bascule.config.Preset;
import dev.bascule.config.SettingsResolver;
import dev.bascule.error.BasculeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A working directory, its {@code bascule.yml} (when there is one) and the process environment: where the CLI and
 * the build plugins get their {@link Settings} from. The Java API can use it too, or build settings directly with
 * {@link Bascule#configure()}.
 */
public final class Project {

    private final Path workingDir;
    private final Optional<ConfigFile> file;
    private final Function<String, String> env;

    private Project(Path workingDir, Optional<ConfigFile> file, Function<String, String> env) {
        this.workingDir = workingDir;
        this.file = file;
        this.env = env;
    }

    /**
     * @param configFile the configuration file given explicitly ({@code --config}), or null to use
     *                   {@code bascule.yml}/{@code bascule.yaml} of the working directory when present
     * @param env        the process environment ({@code System::getenv}, or a test's map)
     */
    public static Project open(Path workingDir, String configFile, Function<String, String> env) {
        Path wd = workingDir.toAbsolutePath().normalize();
        Optional<Path> path;
        if (configFile != null) {
            Path p = wd.resolve(configFile);
            if (!Files.isRegularFile(p)) {
                throw new BasculeException.Configuration(configFile + ": configuration file not found");
            }
            path = Optional.of(p);
        } else {
            path = SettingsResolver.findConfigFile(wd);
        }
        return new Project(wd, path.map(ConfigFile::load), env);
    }

    /** The {@code bascule.yml} (or {@code .yaml}) in a folder, found without reading it. */
    public static Optional<Path> findConfigFile(Path workingDir) {
        return SettingsResolver.findConfigFile(workingDir);
    }

    public Path workingDir() {
        return workingDir;
    }

    /** The configuration file in use, if any. */
    public Optional<Path> configFile() {
        return file.map(ConfigFile::path);
    }

    /** One environment's settings: {@code overrides} over {@code bascule.yml} over the process environment. */
    public Settings settings(Overrides overrides) {
        return new SettingsResolver(env).resolve(file, overrides, workingDir);
    }

    /** The {@code lint:} section of {@code bascule.yml} (empty without one). */
    public Map<String, Object> lintSection() {
        return file.map(ConfigFile::lint).orElse(Map.of());
    }

    /**
     * The secure stores of the named environments (space- or comma-separated), or of every environment that has one
     * when {@code names} is null or blank; {@code command} names the command in messages.
     */
    public SecureMigrations secureMigrations(String names, String command) {
        ConfigFile f = file.orElseThrow(() -> new BasculeException.Configuration(command + ": no bascule.yml in "
                + workingDir + ": secure locations are configured per environment there (or pass --config FILE)"));
        return SecureMigrations.select(f, env, names, command, workingDir);
    }

    /**
     * Writes a {@code bascule.yml} into the working directory, plain or laid out by a preset.
     *
     * @return the file written
     */
    public static Path init(Path workingDir, String preset, String treeRoot, boolean force) {
        Path file = workingDir.resolve("bascule.yml");
        if (Files.exists(file) && !force) {
            throw new BasculeException.Configuration(file + ": already exists: edit it, or pass --force to overwrite it");
        }
        Optional<Preset> chosen = Optional.empty();
        if (preset != null) {
            chosen = Preset.named(preset);
            if (chosen.isEmpty()) {
                throw new BasculeException.Configuration("--preset " + preset + ": unknown preset; known presets: "
                        + Preset.names());
            }
        }
        if (treeRoot != null && preset == null) {
            throw new BasculeException.Configuration("--root is only for a preset: add --preset milmove");
        }
        try {
            Files.writeString(file, chosen.map(p -> withPreset(p, treeRoot)).orElseGet(Project::plain));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String withPreset(Preset preset, String treeRoot) {
        String treeDir = treeRoot != null ? treeRoot : preset.defaultRoot();
        return """
                # Bascule configuration. Stages of the %1$s preset, in order: %2$s
                # (see docs/stages-and-presets.md; replace 'preset' with 'stages:' to change them).
                default-environment: local
                environments:
                  local:
                    # url: jdbc:postgresql://localhost:5432/dev_db   (or: embedded: true, an embedded PostgreSQL 17)
                    # password: ${DB_PASSWORD}
                    preset: %1$s
                    root: %3$s
                    # adopt: pop   # first run on a database Pop migrated: import schema_migration as applied
                """.formatted(preset.name(), String.join(", ", preset.stages(treeDir).stream()
                .map(s -> s.name() + " (" + (s.mode() == null ? "versioned" : s.mode()) + ")").toList()), treeDir);
    }

    private static String plain() {
        return """
                # Bascule configuration (see docs/configuration.md).
                default-environment: local
                environments:
                  local:
                    # url: jdbc:postgresql://localhost:5432/dev_db   (or: embedded: true, an embedded PostgreSQL 17)
                    # password: ${DB_PASSWORD}
                    paths: [migrations]
                    # manifest: migrations/manifest.txt
                """;
    }
}
