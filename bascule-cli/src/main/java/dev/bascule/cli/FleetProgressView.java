package dev.bascule.cli;

import dev.bascule.error.Problem;
import dev.bascule.fleet.FleetListener;
import dev.bascule.fleet.FleetOperation;
import dev.bascule.fleet.FleetResult;
import dev.bascule.fleet.FleetTarget;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fleet's progress on standard error. On a terminal: finished targets scroll up as one line each, and below them a
 * live block keeps one line per running target (what it applies now) and a totals line, redrawn in place. Elsewhere
 * (a pipe, a CI log, {@code NO_COLOR}): plain lines, one when a target starts, one when it ends, and one per lock wait
 * or warning, without control characters.
 */
final class FleetProgressView implements FleetListener, AutoCloseable {

    /** Step updates redraw at most this often; starts and ends always redraw. */
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean live;
    private final int width;
    private final Map<String, String> running = new LinkedHashMap<>();
    private int total;
    private int done;
    private int failed;
    private int drawn;
    private long lastDraw;

    FleetProgressView(PrintWriter err, boolean live, int width) {
        this.err = err;
        this.live = live;
        this.width = width;
    }

    /** Live on a real terminal unless {@code NO_COLOR} is set; the width from {@code COLUMNS} (default 100). */
    static FleetProgressView forConsole(PrintWriter err) {
        boolean terminal = System.console() != null && System.getenv("NO_COLOR") == null;
        int width = 100;
        try {
            String columns = System.getenv("COLUMNS");
            width = columns == null ? width : Math.max(40, Integer.parseInt(columns.strip()));
        } catch (NumberFormatException ignored) {
            // keep the default width
        }
        return new FleetProgressView(err, terminal, width);
    }

    @Override
    public synchronized void fleetStarting(FleetOperation operation, int targets, int parallel) {
        total = targets;
        int atOnce = Math.min(parallel, targets);
        err.println("bascule: fleet " + operation.label() + ": " + targets + " target(s), " + atOnce + " at a time (at most "
                + atOnce * operation.connectionsPerTarget() + " connection(s)"
                + (operation == FleetOperation.MIGRATE ? ": each target's run and its lock watcher)" : ")"));
        err.flush();
    }

    @Override
    public synchronized void targetStarted(FleetTarget target) {
        if (live) {
            running.put(target.name(), "connecting");
            redraw(null);
        } else {
            line(target.name() + ": started");
        }
    }

    @Override
    public synchronized void targetStep(FleetTarget target, String step) {
        if (live && running.containsKey(target.name())) {
            running.put(target.name(), step);
            if (System.nanoTime() - lastDraw >= REDRAW_NANOS) {
                redraw(null);
            }
        }
    }

    @Override
    public synchronized void targetProgress(FleetTarget target, String message) {
        if (live) {
            running.put(target.name(), message);
            redraw(null);
        } else {
            line(target.name() + ": " + message);
        }
    }

    @Override
    public synchronized void targetWarning(FleetTarget target, Problem problem) {
        String text = "warning: " + target.name() + ": " + problem;
        if (live) {
            redraw(text);
        } else {
            err.println(text);
            err.flush();
        }
    }

    @Override
    public synchronized void targetFinished(FleetResult result) {
        done++;
        if (!result.succeeded()) {
            failed++;
        }
        running.remove(result.target().name());
        String text = "bascule: fleet: " + result.target().name() + ": " + describe(result);
        if (live) {
            redraw(text);
        } else {
            err.println(text);
            err.flush();
        }
    }

    static String describe(FleetResult r) {
        String counts = "applied " + r.applied() + (r.pending().isPresent() ? ", " + r.pending().getAsInt() + " pending" : "");
        String time = " (" + String.format(java.util.Locale.ROOT, "%.1f s", r.elapsed().toMillis() / 1000.0) + ")";
        return r.succeeded() ? "ok, " + counts + time : r.outcome().label() + ", " + counts + time + ": " + r.errorSummary();
    }

    /** Clears the live block. */
    @Override
    public synchronized void close() {
        if (live) {
            erase();
            err.flush();
        }
    }

    private void line(String text) {
        err.println("bascule: fleet: " + text);
        err.flush();
    }

    /** Erases the live block, prints {@code permanent} above it when given, draws the block again. */
    private void redraw(String permanent) {
        erase();
        if (permanent != null) {
            err.println(permanent);
        }
        for (Map.Entry<String, String> e : running.entrySet()) {
            err.println(fit("  " + e.getKey() + ": " + e.getValue()));
        }
        err.println(fit("  [" + done + "/" + total + " done, " + failed + " failed, " + running.size() + " running]"));
        drawn = running.size() + 1;
        lastDraw = System.nanoTime();
        err.flush();
    }

    private void erase() {
        for (int i = 0; i < drawn; i++) {
            err.print("\033[1A\033[2K");
        }
        err.print("\r");
        drawn = 0;
    }

    /** One screen line, so that moving up by the number of lines drawn lands where the block began. */
    private String fit(String text) {
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() < width ? flat : flat.substring(0, width - 4) + "...";
    }
}
