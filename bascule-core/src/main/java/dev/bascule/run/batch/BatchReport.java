package dev.bascule.run.batch;

import dev.bascule.sql.Statement;

import java.time.Duration;
import java.util.Optional;

/**
 * One committed batch.
 *
 * @param rows        rows the statement changed (or returned, with RETURNING) in this batch
 * @param keyReached  text form of the batch's upper key; empty for the last batch, which has no upper bound
 * @param transaction the batch transaction's duration, from its first statement to its commit
 * @param rowsDone    rows done so far, over every run
 * @param last        this was the last batch: the statement is finished
 */
public record BatchReport(Statement statement, long batchNumber, long rows, Optional<String> keyReached,
                          Duration transaction, long rowsDone, boolean last) {
}
