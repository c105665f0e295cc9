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
}
