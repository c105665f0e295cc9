package dev.bascule.run;

import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;

/** Progress events of a run, for the CLI, logs or a build plugin. All methods default to doing nothing. */
public interface MigrationListener {

    MigrationListener NONE = new MigrationListener() {
    };

    /** Something worth one line: waiting for the lock, nothing to do, ... */
    default void info(String message) {
    }

    /** A problem that does not stop the run (a changed migration in dev, for example). */
    default void warning(Problem problem) {
    }

    default void starting(Migration migration) {
    }

    default void applied(Migration migration, long executionMs) {
    }

    /**
     * One batch of a batched data statement committed.
     *
     * @param line          the statement's line in the file
     * @param rowsEstimated the planner's estimate of the table's rows ({@code pg_class.reltuples}), -1 when unknown
     * @param keyReached    the batch's upper key (empty for the last batch, and always for secure migrations)
     * @param last          the statement is finished
     */
    record BatchEvent(int line, long batchNumber, long rows, long rowsDone, long rowsEstimated,
                      java.util.Optional<String> keyReached, java.time.Duration transaction, boolean last) {
    }

    default void batch(Migration migration, BatchEvent event) {
    }

    /** One batch of a task's batched statement committed ({@code task}: the task file, as given). */
    default void taskBatch(String task, BatchEvent event) {
    }

    /**
     * At the end of a run ({@code migrate}, {@code task run}), failed ones included: the audit files it wrote, in
     * the order they were first written. Not called when none was written.
     */
    default void auditFiles(java.util.List<dev.bascule.run.audit.AuditFile> files) {
    }
}
