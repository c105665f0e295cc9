package dev.bascule.plan;

/** Where a migration stands, comparing the catalog with the history table. */
public enum MigrationState {
    /** Recorded as applied, file unchanged. */
    APPLIED,
    /** In the catalog, not applied yet. */
    PENDING,
    /**
     * A pending data migration whose steps started (batches or groups of statements committed, recorded in the
     * progress table): the next migrate resumes it where it stopped.
     */
    IN_PROGRESS,
    /** Applied, but the file's checksum differs from the recorded one. */
    CHANGED,
    /** A repeatable file changed since its last run: it runs again on the next migrate. */
    OUTDATED,
    /** A no-transaction migration failed or was interrupted; blocks runs until {@code bascule repair}. */
    FAILED,
    /** Recorded as applied, but no longer in the paths or manifest. */
    MISSING,
    /** In a path, but not listed in the manifest, so it will not run. */
    UNLISTED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
