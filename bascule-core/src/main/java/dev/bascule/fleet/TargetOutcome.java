package dev.bascule.fleet;

import java.util.Locale;

/** How one target of a fleet ended; every outcome but {@link #OK} makes the fleet fail (CLI exit 6). */
public enum TargetOutcome {
    /** Done: migrated (or nothing was pending), status read and nothing needs a person, or valid. */
    OK,
    /** Status was read, but a migration changed, failed or went missing (what {@code status --exit-code} exits 3 on). */
    ATTENTION,
    /** A migration failed (exit 1 as a single command); what it applied before stays applied. */
    FAILED,
    /** Validation failed: nothing was applied (exit 3). */
    INVALID,
    /** Unreachable, login refused, or misconfigured (exit 2). */
    CONFIG,
    /** Another runner held the migration lock longer than lock-wait (exit 4). */
    LOCKED,
    /** A hook failed (exit 1 before any migration ran, 5 after they were applied). */
    HOOK_FAILED,
    /** The fleet was interrupted before this target started: nothing was done to it. */
    NOT_RUN,
    /** A bug in Bascule: an exception it does not expect; the message names its class. */
    INTERNAL_ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
