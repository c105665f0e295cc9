package dev.bascule.cli;

import dev.bascule.catalog.Migration;
import dev.bascule.run.MigrationListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * How a batched data statement's progress shows: a bar (rows done, rows/s, ETA from the planner's row estimate) when
 * the output is a terminal, otherwise a plain line every few seconds and one at the end, free of control characters.
 */
final class BatchProgressView {

    private static final long LINE_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final PrintWriter lines;
    private final PrintStream terminal;
    private ProgressBar bar;
    private String current = "";
    private long started;
    private long lastLine;

    /** @param terminal the terminal to draw on, or null to print lines */
    BatchProgressView(PrintWriter lines, PrintStream terminal) {
        this.lines = lines;
        this.terminal = terminal;
    }

    void update(Migration migration, MigrationListener.BatchEvent event) {
        update(migration.fileName(), event);
    }

    /** @param file the migration's or task's file name */
    void update(String file, MigrationListener.BatchEvent event) {
        String statement = file + ":" + event.line();
        long now = System.nanoTime();
        if (!statement.equals(current)) {
            finish();
            current = statement;
            started = now;
            lastLine = now;
            if (terminal != null) {
                bar = new ProgressBarBuilder().setTaskName(statement).setInitialMax(Math.max(event.rowsEstimated(), 0))
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" rows", 1).showSpeed()
                        .setConsumer(new ConsoleProgressBarConsumer(terminal)).build();
            }
        }
        if (bar != null) {
            bar.stepTo(event.rowsDone());
            if (event.rowsEstimated() > 0 && event.rowsDone() > event.rowsEstimated()) {
                bar.maxHint(event.rowsDone());
            }
        } else if (event.last() || now - lastLine >= LINE_EVERY_NANOS) {
            lastLine = now;
            double seconds = Math.max((now - started) / 1e9, 0.001);
            lines.println("bascule: " + statement + ": " + event.rowsDone() + " rows in " + event.batchNumber()
                    + " batch(es), " + String.format(Locale.ROOT, "%.0f", event.rowsDone() / seconds) + " rows/s"
                    + (event.rowsEstimated() > 0 && !event.last() ? ", about " + percent(event) + "% of the table" : "")
                    + event.keyReached().map(k -> ", key " + k).orElse("") + (event.last() ? ", done" : ""));
            lines.flush();
        }
        if (event.last()) {
            finish();
        }
    }

    private static long percent(MigrationListener.BatchEvent event) {
        return Math.min(100, event.rowsDone() * 100 / event.rowsEstimated());
    }

    void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        current = "";
    }
}
