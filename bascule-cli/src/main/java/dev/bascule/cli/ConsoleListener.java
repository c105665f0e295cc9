package dev.bascule.cli;

import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;
import dev.bascule.run.MigrationListener;

import java.io.PrintWriter;

/** Prints progress: one line per migration on stdout, warnings and waits on stderr. */
final class ConsoleListener implements MigrationListener {

    private final PrintWriter out;
    private final PrintWriter err;

    ConsoleListener(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void info(String message) {
        err.println("bascule: " + message);
        err.flush();
    }

    @Override
    public void warning(Problem problem) {
        err.println("warning: " + problem);
        err.flush();
    }

    @Override
    public void starting(Migration migration) {
        out.print("applying " + migration.fileName() + " ... ");
        out.flush();
    }

    @Override
    public void applied(Migration migration, long executionMs) {
        out.println("ok (" + executionMs + " ms)");
        out.flush();
    }
}
