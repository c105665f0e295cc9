package dev.bascule.run.batch;

import dev.bascule.sql.Statement;

import java.util.Optional;

/**
 * Where the walk stands before a batch.
 *
 * @param table       the table whose key is walked (schema-qualified, quoted): the throttle watches its autovacuum
 * @param batchNumber 1-based number of the coming batch, counted over every run of this statement
 * @param lastKey     text form of the last key done; empty before the first batch
 * @param rowsDone    rows done so far, over every run
 */
public record BatchPosition(Statement statement, BatchOptions options, String table, long batchNumber,
                            Optional<String> lastKey, long rowsDone) {
}
