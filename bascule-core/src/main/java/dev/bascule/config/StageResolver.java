package dev.bascule.config;

import dev.bascule.catalog.Stage;
import dev.bascule.error.BasculeException;
import dev.bascule.source.Location;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an environment's {@code stages:} or {@code preset:} into resolved {@link Stage}s, checking every entry
 * and naming the key at fault.
 */
final class StageResolver {

    private final String file;
    private final String environment;
    private final Path configDir;

    StageResolver(String file, String environment, Path configDir) {
        this.file = file;
        this.environment = environment;
        this.configDir = configDir;
    }

    /** The stages the environment declares, or empty when it declares none (paths/manifest then form one stage). */
    Optional<List<Stage>> resolve(EnvironmentSection c) {
        List<StageConfig> declared;
        if (c.preset() != null) {
            if (c.stages() != null && !c.stages().isEmpty()) {
                throw error("preset and stages are both set: keep one (a preset is a ready stages list)");
            }
            Optional<Preset> preset = Preset.named(c.preset());
            if (preset.isEmpty()) {
                throw error("preset '" + c.preset() + "' is unknown; known presets: " + Preset.names()
                        + (Preset.names().isEmpty() ? " (the milmove preset is in bascule-pop: put it on the class path)" : ""));
            }
            if (c.paths() != null || c.manifest() != null) {
                throw error("preset '" + c.preset() + "' sets the paths and manifests itself: remove paths and manifest"
                        + " (use root: to move the whole tree)");
            }
            declared = preset.get().stages(c.root() != null ? c.root() : preset.get().defaultRoot());
        } else if (c.stages() != null && !c.stages().isEmpty()) {
            if (c.paths() != null || c.manifest() != null) {
                throw error("stages and paths/manifest are both set: give each stage its paths and manifest, and remove"
                        + " the environment's own");
            }
            if (c.root() != null) {
                throw error("root is only for a preset: give each stage its full paths");
            }
            declared = c.stages();
        } else {
            if (c.root() != null) {
                throw error("root is only for a preset: add 'preset: milmove' or remove root");
            }
            return Optional.empty();
        }
        List<Stage> stages = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < declared.size(); i++) {
            stages.add(stage(i, declared.get(i), names));
        }
        return Optional.of(stages);
    }

    private Stage stage(int index, StageConfig s, Set<String> names) {
        String at = "stages[" + index + "]";
        if (s.name() == null || s.name().isBlank()) {
            throw error(at + " has no name: add 'name:' (it is recorded in the history table)");
        }
        at = "stage '" + s.name() + "'";
        if (!names.add(s.name())) {
            throw error(at + " is declared twice: give each stage its own name");
        }
        if (s.paths() == null || s.paths().isEmpty()) {
            throw error(at + " has no paths: add 'paths:' with the folders (or URIs) holding its files");
        }
        Stage.Mode mode = switch (s.mode() == null ? "versioned" : s.mode().toLowerCase(Locale.ROOT)) {
            case "versioned" -> Stage.Mode.VERSIONED;
            case "repeatable" -> Stage.Mode.REPEATABLE;
            default -> throw error(at + ": mode '" + s.mode() + "' is unknown; write versioned or repeatable");
        };
        Stage.Rerun rerun = switch (s.rerun() == null ? "on-change" : s.rerun().toLowerCase(Locale.ROOT)) {
            case "on-change" -> Stage.Rerun.ON_CHANGE;
            case "always" -> Stage.Rerun.ALWAYS;
            default -> throw error(at + ": rerun '" + s.rerun() + "' is unknown; write on-change or always");
        };
        if (s.rerun() != null && mode == Stage.Mode.VERSIONED) {
            throw error(at + ": rerun applies to repeatable stages only: remove it, or set 'mode: repeatable'");
        }
        List<Location> paths = s.paths().stream().map(p -> SettingsResolver.location(p, configDir, file)).toList();
        Set<Location> secure = new LinkedHashSet<>();
        for (String p : s.secure() == null ? List.<String>of() : s.secure()) {
            Location resolved = SettingsResolver.location(p, configDir, file);
            if (!paths.contains(resolved)) {
                throw error(at + ": secure path '" + p + "' is not one of its paths: list it under paths too");
            }
            secure.add(resolved);
        }
        Optional<String> manifest = Optional.ofNullable(s.manifest()).map(m -> SettingsResolver.manifest(m, configDir));
        boolean data = switch (s.kind() == null ? "schema" : s.kind().toLowerCase(Locale.ROOT)) {
            case "schema" -> false;
            case "data" -> true;
            default -> throw error(at + ": kind '" + s.kind() + "' is unknown; write schema or data");
        };
        return new Stage(index, s.name(), paths, secure, manifest, mode, rerun, data);
    }

    private BasculeException.Configuration error(String message) {
        return new BasculeException.Configuration(file + ": environment '" + environment + "': " + message);
    }
}
