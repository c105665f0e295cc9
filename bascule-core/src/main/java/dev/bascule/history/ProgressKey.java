package dev.bascule.history;

import java.util.Objects;

/**
 * Identifies one step of a script with batched statements in the progress table.
 *
 * @param migration      the migration's version, or the identity of a script that has none (a task's file name)
 * @param statementIndex 1-based index of the statement within the parsed script (includes expanded)
 * @param checksum       checksum of the file: a changed file starts over instead of resuming someone else's walk
 */
public record ProgressKey(String migration, int statementIndex, String checksum) {

    public ProgressKey {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(checksum, "checksum");
        if (statementIndex < 1) {
            throw new IllegalArgumentException("statement index is 1-based: " + statementIndex);
        }
    }

    /** The same script, another statement. */
    public ProgressKey statement(int index) {
        return new ProgressKey(migration, index, checksum);
    }
}
