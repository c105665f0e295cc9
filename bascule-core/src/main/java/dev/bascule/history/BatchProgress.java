package dev.bascule.history;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * One row of the progress table: how far a batched statement (or a plain step of its file) got.
 *
 * @param table     the table whose key is walked (schema-qualified, quoted); empty for a plain step
 * @param keyColumn the key column walked; empty for a plain step
 * @param lastKey   text form of the last key whose batch committed; empty before the first batch
 * @param rowsDone  rows the statement reported changed (or returned), over every run
 * @param batches   batches committed, over every run
 * @param finished  the statement (or step) is done and never runs again
 */
public record BatchProgress(ProgressKey key, Optional<String> table, Optional<String> keyColumn,
                            Optional<String> lastKey, long rowsDone, long batches, OffsetDateTime startedAt,
                            OffsetDateTime updatedAt, boolean finished) {
}
