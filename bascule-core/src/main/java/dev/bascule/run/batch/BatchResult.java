package dev.bascule.run.batch;

import java.time.Duration;
import java.util.Optional;

/**
 * What running one batched statement did.
 *
 * @param rowsThisRun        rows changed (or returned) by this run's batches
 * @param rowsDone           rows over every run, resumed ones included
 * @param batchesThisRun     batches this run committed
 * @param longestTransaction the longest single batch transaction of this run
 * @param elapsed            wall time of this run, pauses and throttle waits included
 * @param resumedAfter       the key this run resumed after, when a previous run had committed batches
 * @param alreadyFinished    a previous run finished the statement: nothing ran
 */
public record BatchResult(long rowsThisRun, long rowsDone, long batchesThisRun, Duration longestTransaction,
                          Duration elapsed, Optional<String> resumedAfter, boolean alreadyFinished) {
}
