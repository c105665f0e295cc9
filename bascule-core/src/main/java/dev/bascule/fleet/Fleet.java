package dev.bascule.fleet;

import dev.bascule.Settings;
import dev.bascule.error.BasculeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one operation over many databases, at most {@code parallel} targets at a time, each through a facade of its
 * own: its own connections, its own advisory lock, its failures caught and reported as its own result. A rerun
 * only does what is pending, since each target's {@code migrate} reads its history first.
 *
 * <pre>{@code
 * List<FleetTarget> tenants = new FleetTargets(project, System::getenv, Overrides.none()).environments("tenant_*");
 * FleetReport report = new Fleet(tenants, 4).migrate(FleetListener.NONE);
 * if (!report.allSucceeded()) { ... report.failed() ... }
 * }</pre>
 *
 * <p>Connections: a target holds {@link FleetOperation#connectionsPerTarget()} at once (migrate: the run and its
 * lock watcher), so a fleet holds at most {@code parallel} times that ({@link FleetReport#maxConnections()}), plus
 * the transient ones that operation's documentation names.
 */
public final class Fleet {

    /** Targets at a time unless told otherwise: 8 connections for migrate, gentle on a shared server. */
    public static final int DEFAULT_PARALLEL = 4;

    private final List<FleetTarget> targets;
    private final int parallel;

    /**
     * @throws BasculeException.Configuration when there are no targets, {@code parallel} is below 1, two targets share
     *                                        a name, or two name the same database and history table
     */
    public Fleet(List<FleetTarget> targets, int parallel) {
        if (parallel < 1) {
            throw new BasculeException.Configuration("fleet: --parallel must be at least 1, got " + parallel);
        }
        if (targets.isEmpty()) {
            throw new BasculeException.Configuration("fleet: no targets: name them with --envs, --targets or --databases-from");
        }
        this.targets = List.copyOf(targets);
        this.parallel = parallel;
        refuseDuplicates(this.targets);
    }

    public List<FleetTarget> targets() {
        return targets;
    }

    public int parallel() {
        return parallel;
    }

    public FleetReport migrate(FleetListener listener) {
        return run(FleetOperation.MIGRATE, listener);
    }

    public FleetReport status(FleetListener listener) {
        return run(FleetOperation.STATUS, listener);
    }

    public FleetReport validate(FleetListener listener) {
        return run(FleetOperation.VALIDATE, listener);
    }

    /**
     * Runs {@code operation} on every target and returns when all are done. Interrupting the calling thread stops
     * targets that have not started (reported as {@link TargetOutcome#NOT_RUN}); those running finish within
     * their own limits.
     */
    public FleetReport run(FleetOperation operation, FleetListener listener) {
        long started = System.nanoTime();
        listener.fleetStarting(operation, targets.size(), parallel);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, targets.size()), threads());
        List<FleetResult> results = new ArrayList<>();
        boolean interrupted = false;
        try {
            List<Future<FleetResult>> futures = new ArrayList<>();
            for (FleetTarget target : targets) {
                futures.add(pool.submit(() -> TargetRun.run(target, operation, listener)));
            }
            pool.shutdown();
            for (int i = 0; i < futures.size(); i++) {
                Future<FleetResult> future = futures.get(i);
                while (true) {
                    try {
                        results.add(future.get());
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        // Queued targets never start; running ones end within their own limits, so wait for them.
                        pool.shutdownNow().forEach(r -> ((Future<?>) r).cancel(false));
                    } catch (CancellationException e) {
                        results.add(notRun(targets.get(i)));
                        break;
                    } catch (ExecutionException e) {
                        // TargetRun catches everything it expects; only an Error of the JVM itself gets here.
                        results.add(new FleetResult(targets.get(i), TargetOutcome.INTERNAL_ERROR, 0, OptionalInt.empty(),
                                Duration.ZERO, java.util.Optional.of("internal error: " + e.getCause()), 1));
                        break;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return new FleetReport(operation, parallel, results, Duration.ofNanos(System.nanoTime() - started));
    }

    private static FleetResult notRun(FleetTarget target) {
        return new FleetResult(target, TargetOutcome.NOT_RUN, 0, OptionalInt.empty(), Duration.ZERO,
                java.util.Optional.of("not run: the fleet was interrupted before this target started"), 1);
    }

    private static ThreadFactory threads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "bascule-fleet-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Two targets on one database and history would only queue on one lock: a mistake in the list, said up front. */
    private static void refuseDuplicates(List<FleetTarget> targets) {
        Set<String> names = new LinkedHashSet<>();
        Map<String, String> byDatabase = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (FleetTarget target : targets) {
            if (!names.add(target.name())) {
                problems.add("two targets are named '" + target.name() + "'");
            }
            if (target.settings().isEmpty() || target.settings().get().database().isEmpty()) {
                continue;
            }
            Settings settings = target.settings().get();
            String key = DatabaseUrls.identity(settings.database().get().url()) + " " + settings.history().qualifiedName();
            String other = byDatabase.putIfAbsent(key, target.name());
            if (other != null) {
                problems.add("targets '" + other + "' and '" + target.name() + "' name the same database and history table ("
                        + DatabaseUrls.identity(settings.database().get().url()) + ", " + settings.history().qualifiedName() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new BasculeException.Configuration("fleet: " + String.join("; ", problems) + ": list each database once");
        }
    }
}
