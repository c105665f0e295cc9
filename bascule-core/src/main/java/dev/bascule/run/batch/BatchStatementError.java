package dev.bascule.run.batch;

import dev.bascule.error.Problem;
import dev.bascule.sql.ScriptSyntaxError;

/**
 * A batched statement that cannot run as asked: a bad {@code -- bascule:batch} option, a statement that is not a
 * single-table UPDATE, DELETE or INSERT ... SELECT, a table without a usable key. Located at the file, line and
 * column of the directive or of the statement's offending token; thrown before any batch runs, so nothing is
 * half-done. A {@link ScriptSyntaxError}, so code that turns syntax errors into {@link Problem}s handles it too.
 */
public final class BatchStatementError extends ScriptSyntaxError {

    public BatchStatementError(String sourceName, int line, int column, String detail) {
        super(sourceName, line, column, detail);
    }

    /** The error as a validation problem, formatted like the runner's other syntax problems. */
    public Problem toProblem() {
        return new Problem(sourceName(), line(), "column " + column() + ": " + detail());
    }
}
