package dev.bascule.lint.fix;

/**
 * A statement a fix moves to, or adds in, a new migration after the fixed one.
 *
 * @param phase order inside the new migration: every {@code VALIDATE CONSTRAINT} (phase 1, a scan under SHARE
 *              UPDATE EXCLUSIVE) runs before any statement taking ACCESS EXCLUSIVE on a table (phase 2 and 3),
 *              so that no scan happens while such a lock is held
 * @param sql   the statement with its semicolon, and any comment lines it needs above it
 */
record FollowUp(Kind kind, int phase, String sql) {

    /** The new migrations a fixed file may get, in the order they run. */
    enum Kind {
        /** {@code CREATE INDEX CONCURRENTLY}, which cannot run in a transaction. */
        CONCURRENT_INDEX("index_concurrently", "-- bascule:no-transaction\n",
                "index builds that do not block writes; CREATE INDEX CONCURRENTLY cannot run in a transaction"),
        /** A batched backfill of a column added without its volatile default. */
        BACKFILL("backfill", "-- bascule:data\n",
                "fills the existing rows in keyset batches, each its own short transaction"),
        /** {@code VALIDATE CONSTRAINT} of constraints added NOT VALID, and what follows it. */
        VALIDATE("validate", "",
                "validates constraints added NOT VALID: a scan under SHARE UPDATE EXCLUSIVE, reads and writes go on");

        final String suffix;
        final String header;
        final String purpose;

        Kind(String suffix, String header, String purpose) {
            this.suffix = suffix;
            this.header = header;
            this.purpose = purpose;
        }
    }
}
