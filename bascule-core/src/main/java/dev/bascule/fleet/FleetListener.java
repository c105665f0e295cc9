package dev.bascule.fleet;

import dev.bascule.error.Problem;

/**
 * Progress of a fleet run, for a progress view or a log. Called from the fleet's worker threads, several at once:
 * implementations must be thread-safe. Every method defaults to doing nothing.
 */
public interface FleetListener {

    FleetListener NONE = new FleetListener() {
    };

    /** Before any target starts. */
    default void fleetStarting(FleetOperation operation, int targets, int parallel) {
    }

    default void targetStarted(FleetTarget target) {
    }

    /** Something worth a line of its own about a running target: a lock it waits for, a history it adopted, ... */
    default void targetProgress(FleetTarget target, String message) {
    }

    /**
     * Where a running target is now: the migration it applies, a batched statement's rows. Frequent (once per
     * migration or batch): for a live view that overwrites one line per target, not for a log.
     */
    default void targetStep(FleetTarget target, String step) {
    }

    /** A problem that does not stop the target (a changed migration in a dev environment, for example). */
    default void targetWarning(FleetTarget target, Problem problem) {
    }

    default void targetFinished(FleetResult result) {
    }
}
