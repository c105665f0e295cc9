package dev.bascule.config;

import java.util.List;

/**
 * One entry of an environment's {@code stages:} list in {@code bascule.yml}, as written.
 *
 * @param name     recorded in history; unique within the environment
 * @param paths    ordered migration locations of this stage (relative to bascule.yml)
 * @param manifest the stage's manifest; without one every up file in the paths belongs to it
 * @param secure   those of {@code paths} whose files are secure migrations, never shown
 * @param mode     {@code versioned} (default: once and only once) or {@code repeatable}
 * @param rerun    repeatable stages only: {@code on-change} (default) or {@code always}
 * @param kind     {@code schema} (default) or {@code data}: the stage's files are data migrations
 */
public record StageConfig(String name, List<String> paths, String manifest, List<String> secure, String mode,
                          String rerun, String kind) {

    public StageConfig(String name, List<String> paths, String manifest, List<String> secure, String mode, String rerun) {
        this(name, paths, manifest, secure, mode, rerun, null);
    }
}
