package dev.bascule.history;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * One run of a task ({@code bascule task run FILE}): a data script outside the deploy, recorded in the tasks table.
 *
 * @param task        the file, as given relative to the working directory
 * @param checksum    SHA-256 of the file's bytes when it ran
 * @param finishedAt  empty while running (or when the process died: the next run marks it interrupted)
 * @param rows        rows changed by the statements that committed (update counts, rows of batched statements)
 * @param statements  statements run (a batched statement counts once)
 * @param batches     batches committed by its batched statements
 * @param resumedFrom the failed or interrupted run whose batches this one continued
 * @param progressKey how the progress table knows the run's batched statements
 * @param message     why it failed (PostgreSQL's message masked for secure files)
 */
public record TaskRun(long id, String task, String checksum, OffsetDateTime startedAt,
                      Optional<OffsetDateTime> finishedAt, Outcome outcome, long rows, int statements, long batches,
                      String runBy, Optional<Long> resumedFrom, String progressKey, Optional<String> message) {

    /** How a run ended. */
    public enum Outcome {
        RUNNING, SUCCEEDED, FAILED,
        /** The process died while it ran (found still running by a later run, under the lock). */
        INTERRUPTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Outcome parse(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }
}
