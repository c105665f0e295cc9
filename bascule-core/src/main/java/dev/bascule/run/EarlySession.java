package dev.bascule.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A run session being opened on a second thread while the caller reads the catalog: connecting (TCP, TLS, login,
 * session settings) and reading a thousand migration files then overlap instead of adding up. Taken at most once;
 * one nobody takes (the catalog failed first) is closed as soon as it is open.
 */
final class EarlySession {

    private final boolean watch;
    private final CompletableFuture<RunSession> session = new CompletableFuture<>();

    private EarlySession(boolean watch) {
        this.watch = watch;
    }

    /** Starts {@code open} on a daemon thread; it is bounded by the connect and login timeouts the database has. */
    static EarlySession start(Supplier<RunSession> open, boolean watch) {
        EarlySession early = new EarlySession(watch);
        Thread opener = new Thread(() -> {
            try {
                early.session.complete(open.get());
            } catch (Throwable t) {
                early.session.completeExceptionally(t);
            }
        }, "bascule-connect");
        opener.setDaemon(true);
        opener.start();
        return early;
    }

    boolean watch() {
        return watch;
    }

    /** The open session, or what opening it threw (the same exception, rethrown on this thread). */
    RunSession take() {
        try {
            return session.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Closes the session once it is open; a failure to open is dropped (nothing was asked of it). */
    void discard() {
        session.whenComplete((s, failure) -> {
            if (s != null) {
                s.close();
            }
        });
    }
}
