package dev.bascule.plan;

import dev.bascule.history.BatchProgress;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How far a data migration in progress got: its file's steps committed so far (read from the progress table), for
 * {@code status}.
 *
 * @param rowsDone       rows its batched statements changed so far, over every run
 * @param batches        batches committed, over every run
 * @param stepsDone      steps (batched statements and groups of plain statements) finished
 * @param statementIndex the statement in flight: the first batched statement not finished (1-based, over the
 *                       parsed file), or the last step that finished when none is in flight
 * @param table          the table that statement walks (schema-qualified); empty for a plain step
 * @param keyColumn      its key column
 * @param keyReached     the last key whose batch committed; empty before the first batch, and always for secure
 *                       migrations, whose key values are never shown
 * @param updatedAt      when the last step or batch committed
 */
public record DataProgress(long rowsDone, long batches, int stepsDone, int statementIndex, Optional<String> table,
                           Optional<String> keyColumn, Optional<String> keyReached, OffsetDateTime updatedAt) {

    /**
     * The progress of one migration from its rows of the progress table (those of its current checksum), or empty
     * when it has none: it has not started.
     */
    static Optional<DataProgress> of(List<BatchProgress> rows, boolean secret) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        BatchProgress current = rows.stream().filter(r -> !r.finished() && r.keyColumn().isPresent())
                .min(Comparator.comparingInt(r -> r.key().statementIndex()))
                .orElseGet(() -> rows.stream().max(Comparator.comparingInt(r -> r.key().statementIndex())).orElseThrow());
        return Optional.of(new DataProgress(rows.stream().mapToLong(BatchProgress::rowsDone).sum(),
                rows.stream().mapToLong(BatchProgress::batches).sum(),
                (int) rows.stream().filter(BatchProgress::finished).count(), current.key().statementIndex(),
                current.table(), current.keyColumn(), secret ? Optional.empty() : current.lastKey(),
                rows.stream().map(BatchProgress::updatedAt).max(Comparator.naturalOrder()).orElseThrow()));
    }
}
