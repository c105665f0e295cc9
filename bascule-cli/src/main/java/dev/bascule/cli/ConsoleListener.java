package dev.bascule.cli;

import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;
import dev.bascule.generate.GeneratedFiles;
import dev.bascule.run.audit.AuditFile;
import dev.bascule.run.MigrationListener;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Prints progress: one line per migration on stdout, warnings and waits on stderr. */
final class ConsoleListener implements MigrationListener {

    private final PrintWriter out;
    private final PrintWriter err;
    private final BatchProgressView batches;
    private final Path workingDir;

    private final boolean quiet;

    ConsoleListener(PrintWriter out, PrintWriter err) {
        this(out, err, false);
    }

    ConsoleListener(PrintWriter out, PrintWriter err, boolean quiet) {
        this(out, err, quiet, Path.of(""));
    }

    /** @param workingDir audit files are shown relative to it */
    ConsoleListener(PrintWriter out, PrintWriter err, boolean quiet, Path workingDir) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.workingDir = workingDir;
        // A bar only on a real terminal (and never when NO_COLOR asks for plain output); lines otherwise.
        boolean terminal = System.console() != null && System.getenv("NO_COLOR") == null;
        this.batches = new BatchProgressView(err, terminal ? System.err : null);
    }

    @Override
    public void batch(Migration migration, BatchEvent event) {
        if (!quiet) {
            batches.update(migration, event);
        }
    }

    @Override
    public void taskBatch(String task, BatchEvent event) {
        if (!quiet) {
            batches.update(task, event);
        }
    }

    @Override
    public void auditFiles(List<AuditFile> files) {
        for (AuditFile f : files) {
            out.println("audit " + GeneratedFiles.display(f.path(), workingDir) + " (" + f.rows() + " row(s)"
                    + (f.countOnly() ? " counted" : "") + ")");
        }
        out.flush();
    }

    @Override
    public void info(String message) {
        if (!quiet) {
            err.println("bascule: " + message);
            err.flush();
        }
    }

    @Override
    public void warning(Problem problem) {
        err.println("warning: " + problem);
        err.flush();
    }

    @Override
    public void starting(Migration migration) {
        if (!quiet) {
            out.print("applying " + migration.fileName() + " ... ");
            out.flush();
        }
    }

    @Override
    public void applied(Migration migration, long executionMs) {
        if (!quiet) {
            out.println("ok (" + executionMs + " ms)");
            out.flush();
        }
    }
}
