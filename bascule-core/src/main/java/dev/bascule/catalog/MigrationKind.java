package dev.bascule.catalog;

/** What a migration is for; recorded in the history table. */
public enum MigrationKind {
    /** A schema change from the repository. */
    SCHEMA,
    /** A migration from a secret location (S3 per environment, scrubbed copy locally): its text is never shown. */
    SECURE,
    /** A data migration (batched, resumable; later issues). */
    DATA,
    /** Re-run when its checksum changes (DDL sets of views and functions). */
    REPEATABLE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
