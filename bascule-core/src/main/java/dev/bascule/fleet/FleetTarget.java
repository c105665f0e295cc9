package dev.bascule.fleet;

import dev.bascule.Settings;
import dev.bascule.db.Database;

import java.util.Optional;

/**
 * One database of a fleet: a name for the summary (an environment, a {@code host:port/database}, a database name)
 * and the settings to run with, or the reason its settings could not be resolved. A target whose settings failed
 * to resolve is reported as failed; it never keeps the others from running.
 *
 * @param name       what the progress view and the summary call it; unique within a fleet
 * @param settings   the resolved settings (with a database), when they resolved
 * @param unresolved why they did not (a message without passwords), when they did not
 */
public record FleetTarget(String name, Optional<Settings> settings, Optional<String> unresolved) {

    public FleetTarget {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a fleet target needs a name");
        }
        if (settings.isPresent() == unresolved.isPresent()) {
            throw new IllegalArgumentException("a fleet target has either settings or the reason it has none: " + name);
        }
    }

    public static FleetTarget of(String name, Settings settings) {
        return new FleetTarget(name, Optional.of(settings), Optional.empty());
    }

    public static FleetTarget unresolved(String name, String reason) {
        return new FleetTarget(name, Optional.empty(), Optional.of(reason));
    }

    /** The database, described without its password; empty when there is none. */
    public String database() {
        return settings.flatMap(Settings::database).map(Database::describe).orElse("");
    }

    /** The same target with other settings (a command's own options applied on top). */
    public FleetTarget withSettings(java.util.function.UnaryOperator<Settings> change) {
        return settings.map(s -> of(name, change.apply(s))).orElse(this);
    }
}
