package dev.bascule.fleet;

import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;
import dev.bascule.run.MigrationListener;

import java.util.concurrent.atomic.AtomicInteger;

/** One target's run events, passed on to the fleet's listener under the target's name; counts what it applied. */
final class TargetEvents implements MigrationListener {

    private final FleetTarget target;
    private final FleetListener listener;
    private final AtomicInteger applied = new AtomicInteger();

    TargetEvents(FleetTarget target, FleetListener listener) {
        this.target = target;
        this.listener = listener;
    }

    int applied() {
        return applied.get();
    }

    @Override
    public void info(String message) {
        if (message.startsWith("nothing to migrate")) {
            return; // the target's result says it: applied 0, pending 0
        }
        listener.targetProgress(target, message);
    }

    @Override
    public void warning(Problem problem) {
        listener.targetWarning(target, problem);
    }

    @Override
    public void starting(Migration migration) {
        listener.targetStep(target, "applying " + migration.fileName() + " (" + applied.get() + " applied so far)");
    }

    @Override
    public void applied(Migration migration, long executionMs) {
        applied.incrementAndGet();
    }

    @Override
    public void batch(Migration migration, BatchEvent event) {
        listener.targetStep(target, migration.fileName() + ":" + event.line() + ": " + event.rowsDone() + " rows in "
                + event.batchNumber() + " batch(es)" + (event.last() ? ", done" : ""));
    }
}
