package dev.bascule.trace;

/** How a statement's locks were read. */
public enum LockObservation {
    /**
     * From {@code pg_locks} by the migration's own session right after the statement, its transaction still open:
     * every lock the statement took is still held (PostgreSQL keeps them to the end of the transaction), so the
     * list is complete.
     */
    EXACT,
    /**
     * The statement cannot run in a transaction block ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, ...), so
     * its locks are gone when it ends: a second session read {@code pg_locks} of the migration's backend every few
     * milliseconds while it ran. A lock held for less than that may be missing.
     */
    SAMPLED,
    /** Transaction control (BEGIN, COMMIT, ...) or a statement that failed: no locks read. */
    NONE
}
