package dev.bascule.history;

import dev.bascule.catalog.Version;

import java.time.OffsetDateTime;

/**
 * One row of the history table.
 *
 * @param version null for a repeatable file (tracked by stage and script, the file name)
 * @param success false for a no-transaction migration that failed or was interrupted: it blocks further runs
 *                until {@code bascule repair}
 * @param stage   the stage that ran it; null in rows written before stages existed
 * @param statementsDone for a no-transaction migration: how many of its statements ran (0 when unknown)
 * @param resumeFrom     for a failed no-transaction migration that {@code repair} made resumable: the statement
 *                       (1-based) the next migrate starts at; 0 otherwise
 */
public record AppliedMigration(long id, Version version, String name, String kind, String script, String checksum,
                               OffsetDateTime appliedAt, String appliedBy, long executionMs, boolean success,
                               String stage, int statementsDone, int resumeFrom) {

    /** A failed no-transaction migration that repair made resumable: it runs on, it does not block. */
    public boolean resumable() {
        return !success && resumeFrom > 0;
    }
}
