package dev.bascule.config;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A ready-made stage list for a layout teams already have, selected with {@code preset:} in {@code bascule.yml}
 * and {@code init --preset}. Found with {@link ServiceLoader}: bascule-pop offers {@code milmove}.
 */
public interface Preset {

    String name();

    /** The folder the preset's paths are under when {@code root:} is not given. */
    String defaultRoot();

    /** The stages, with paths under {@code root} (as written; resolved later like any path). */
    List<StageConfig> stages(String root);

    static List<Preset> installed() {
        return ServiceLoader.load(Preset.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    static Optional<Preset> named(String name) {
        return installed().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The installed presets' names, sorted, for messages. */
    static List<String> names() {
        return installed().stream().map(Preset::name).sorted().toList();
    }
}
