package dev.bascule.fleet;

import java.util.Locale;

/** What a fleet does to each target: one facade call per target. */
public enum FleetOperation {
    /** {@code Bascule#migrate()}: the run's connection holds the advisory lock, a second one watches for lock waits. */
    MIGRATE(2),
    /** {@code Bascule#status()}: one short-lived connection, no lock. */
    STATUS(1),
    /** {@code Bascule#validate()}: one short-lived connection, no lock. */
    VALIDATE(1);

    private final int connectionsPerTarget;

    FleetOperation(int connectionsPerTarget) {
        this.connectionsPerTarget = connectionsPerTarget;
    }

    /**
     * Connections one target holds at once in the ordinary case. Beyond it, and only while it lasts: a batched data
     * statement with {@code max-lag} opens one throttle connection per table it throttles, and a history-table lock
     * timeout opens one short connection to name who holds the lock (see docs/scaling.md).
     */
    public int connectionsPerTarget() {
        return connectionsPerTarget;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
