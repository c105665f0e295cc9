package dev.bascule.fleet;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.plan.MigrationState;
import dev.bascule.plan.Plan;
import dev.bascule.run.MigrateResult;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One target's run: its own facade over its own settings, so its own connections and its own advisory lock; every
 * failure is caught here and becomes this target's result, never another's.
 */
final class TargetRun {

    private final FleetTarget target;
    private final FleetOperation operation;
    private final FleetListener listener;
    private final long started = System.nanoTime();

    private TargetRun(FleetTarget target, FleetOperation operation, FleetListener listener) {
        this.target = target;
        this.operation = operation;
        this.listener = listener;
    }

    static FleetResult run(FleetTarget target, FleetOperation operation, FleetListener listener) {
        listener.targetStarted(target);
        FleetResult result = new TargetRun(target, operation, listener).result();
        listener.targetFinished(result);
        return result;
    }

    private FleetResult result() {
        if (target.unresolved().isPresent()) {
            return failed(TargetOutcome.CONFIG, 2, target.unresolved().get(), 0, OptionalInt.empty());
        }
        Settings settings = target.settings().get();
        if (settings.database().isEmpty()) {
            // Never the embedded server: each facade would start its own in one folder.
            String reason = settings.embedded().isPresent()
                    ? "environment '" + settings.environment() + "' uses the embedded PostgreSQL; a fleet runs only on"
                    + " databases it names: give the environment a url"
                    : configurationMessage(settings);
            return failed(TargetOutcome.CONFIG, 2, reason, 0, OptionalInt.empty());
        }
        TargetEvents events = new TargetEvents(target, listener);
        try (Bascule bascule = Bascule.load(settings, events)) {
            try {
                return succeeded(bascule, events);
            } catch (BasculeException e) {
                return failed(outcome(e), e.exitCode(), e.getMessage(), events.applied(), pendingAfter(e, bascule));
            }
        } catch (RuntimeException | LinkageError e) {
            return failed(TargetOutcome.INTERNAL_ERROR, 1, "internal error: " + e, events.applied(), OptionalInt.empty());
        }
    }

    private static String configurationMessage(Settings settings) {
        try {
            settings.requireDatabase();
            return "no database";
        } catch (BasculeException e) {
            return e.getMessage();
        }
    }

    private FleetResult succeeded(Bascule bascule, TargetEvents events) {
        switch (operation) {
            case MIGRATE -> {
                MigrateResult result = bascule.migrate();
                int applied = result.applied().size();
                return result(TargetOutcome.OK, 0, Optional.empty(), applied,
                        OptionalInt.of(Math.max(0, pending(result.plan()) - applied)));
            }
            case STATUS -> {
                Plan plan = bascule.status();
                plan.warnings().forEach(w -> listener.targetWarning(target, w));
                if (plan.needsAttention()) {
                    return result(TargetOutcome.ATTENTION, 3, Optional.of(attention(plan)), applied(plan),
                            OptionalInt.of(pending(plan)));
                }
                return result(TargetOutcome.OK, 0, Optional.empty(), applied(plan), OptionalInt.of(pending(plan)));
            }
            case VALIDATE -> {
                Plan plan = bascule.validate();
                plan.warnings().forEach(w -> listener.targetWarning(target, w));
                return result(TargetOutcome.OK, 0, Optional.empty(), applied(plan), OptionalInt.of(pending(plan)));
            }
            default -> throw new IllegalStateException("unknown fleet operation " + operation);
        }
    }

    /** What still waits after a failure, read again with a status (sequentially, in this target's slot). */
    private OptionalInt pendingAfter(BasculeException failure, Bascule bascule) {
        if (failure instanceof BasculeException.Configuration) {
            return OptionalInt.empty(); // unreachable or misconfigured: a status would fail the same way
        }
        try {
            return OptionalInt.of(pending(bascule.status()));
        } catch (RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    static TargetOutcome outcome(BasculeException e) {
        if (e instanceof BasculeException.MigrationFailed) {
            return TargetOutcome.FAILED;
        }
        if (e instanceof BasculeException.ValidationFailed) {
            return TargetOutcome.INVALID;
        }
        if (e instanceof BasculeException.LockNotObtained) {
            return TargetOutcome.LOCKED;
        }
        if (e instanceof BasculeException.HookFailed) {
            return TargetOutcome.HOOK_FAILED;
        }
        return TargetOutcome.CONFIG;
    }

    private static int pending(Plan plan) {
        return (int) plan.entries().stream()
                .filter(e -> e.state() == MigrationState.PENDING || e.state() == MigrationState.OUTDATED).count();
    }

    private static int applied(Plan plan) {
        return (int) plan.entries().stream().filter(e -> e.state() == MigrationState.APPLIED).count();
    }

    /** "needs attention: 1 changed, 2 missing" and the first problem, as status --exit-code would see it. */
    private static String attention(Plan plan) {
        StringBuilder sb = new StringBuilder("needs attention:");
        String sep = " ";
        for (MigrationState state : new MigrationState[]{MigrationState.CHANGED, MigrationState.FAILED, MigrationState.MISSING}) {
            long n = plan.entries().stream().filter(e -> e.state() == state).count();
            if (n > 0) {
                sb.append(sep).append(n).append(' ').append(state.label());
                sep = ", ";
            }
        }
        if (!plan.problems().isEmpty()) {
            sb.append(sep).append(plan.problems().size()).append(" problem(s)");
        }
        plan.problems().forEach(p -> sb.append("\n  ").append(p));
        return sb.toString();
    }

    private FleetResult failed(TargetOutcome outcome, int exitCode, String message, int applied, OptionalInt pending) {
        return result(outcome, exitCode, Optional.of(Database.redact(message == null ? "no detail" : message)), applied, pending);
    }

    private FleetResult result(TargetOutcome outcome, int exitCode, Optional<String> error, int applied, OptionalInt pending) {
        return new FleetResult(target, outcome, applied, pending, Duration.ofNanos(System.nanoTime() - started), error, exitCode);
    }
}
