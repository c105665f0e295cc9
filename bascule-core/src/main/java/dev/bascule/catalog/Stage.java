package dev.bascule.catalog;

import dev.bascule.source.Location;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One migration set of an environment: its paths, optional manifest and how its files run. An environment runs
 * its stages in order; without {@code stages} in {@code bascule.yml} it has a single versioned stage,
 * {@value #DEFAULT_NAME}.
 *
 * @param order           position in the environment's list, 0 first: status and migrate follow it
 * @param name            recorded in the history table's {@code stage} column
 * @param locations       ordered paths (folders or URIs); the first holding a file name wins
 * @param secureLocations those of {@code locations} whose files are secure migrations, never shown
 * @param manifest        the manifest file, resolved; without one every up file in the paths belongs to the stage
 * @param mode            versioned (once and only once) or repeatable (re-run when changed, or always)
 * @param rerun           for repeatable stages: when a file already run runs again
 * @param data            its files are data migrations (MilMove's {@code dml} stage), whatever their headers say
 */
public record Stage(int order, String name, List<Location> locations, Set<Location> secureLocations,
                    Optional<String> manifest, Mode mode, Rerun rerun, boolean data) {

    public static final String DEFAULT_NAME = "main";

    /** How a stage's files run. */
    public enum Mode {
        /** Once and only once, tracked by version, in version order. */
        VERSIONED,
        /** In manifest line order, tracked by file name and checksum; re-run according to {@link Rerun}. */
        REPEATABLE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** When a repeatable file that already ran runs again. */
    public enum Rerun {
        /** When its checksum differs from the last recorded run. */
        ON_CHANGE,
        /** On every migrate. */
        ALWAYS;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public Stage {
        locations = List.copyOf(locations);
        secureLocations = Set.copyOf(secureLocations);
    }

    /** A stage of schema migrations (files may still declare {@code -- bascule:data} themselves). */
    public Stage(int order, String name, List<Location> locations, Set<Location> secureLocations,
                 Optional<String> manifest, Mode mode, Rerun rerun) {
        this(order, name, locations, secureLocations, manifest, mode, rerun, false);
    }

    /** The single versioned stage of an environment without {@code stages}. */
    public static Stage single(List<Location> locations, Set<Location> secureLocations, Optional<String> manifest) {
        return new Stage(0, DEFAULT_NAME, locations, secureLocations, manifest, Mode.VERSIONED, Rerun.ON_CHANGE);
    }

    public boolean repeatable() {
        return mode == Mode.REPEATABLE;
    }
}
