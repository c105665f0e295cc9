package dev.bascule.bench;

import java.nio.file.Path;

/**
 * Ends the fuzz job when one input takes longer than {@link #LIMIT_SECONDS} (a lexer that loops forever would
 * otherwise hang it): saves that input, says which one it is and exits with status 2.
 */
final class ProgressWatchdog {

    static final int LIMIT_SECONDS = 30;

    private final Path failures;
    private final FuzzInputs inputs;
    private final Thread thread;
    private volatile long current = -1;
    private volatile long since = System.nanoTime();
    private volatile boolean stopped;

    private ProgressWatchdog(Path failures, FuzzInputs inputs) {
        this.failures = failures;
        this.inputs = inputs;
        this.thread = new Thread(this::watch, "lexer-fuzz-watchdog");
        thread.setDaemon(true);
    }

    static ProgressWatchdog start(Path failures, FuzzInputs inputs) {
        ProgressWatchdog watchdog = new ProgressWatchdog(failures, inputs);
        watchdog.thread.start();
        return watchdog;
    }

    void entering(long index) {
        since = System.nanoTime();
        current = index;
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }

    private void watch() {
        while (!stopped) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long index = current;
            if (index >= 0 && !stopped && System.nanoTime() - since > LIMIT_SECONDS * 1_000_000_000L && index == current) {
                FuzzInputs.Input input = inputs.input(index);
                Path saved = LexerFuzz.save(failures, inputs.seed(), input, "no result after " + LIMIT_SECONDS + " s (a hang)");
                System.out.println("FAILED input " + index + " (" + input.kind() + ", " + input.source() + "): no result"
                        + " after " + LIMIT_SECONDS + " s; saved in " + saved);
                System.out.flush();
                Runtime.getRuntime().halt(2);
            }
        }
    }

}
