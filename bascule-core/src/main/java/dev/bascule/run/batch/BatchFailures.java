package dev.bascule.run.batch;

import dev.bascule.error.BasculeException;
import dev.bascule.sql.Statement;
import org.postgresql.util.PSQLException;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Messages for a batched statement that failed while running: {@code FILE:LINE: ERROR: ...}, which batch, and
 * what the next run will do. For secure migrations PostgreSQL's message (which may quote values) and the key
 * values are left out; the SQLSTATE stays.
 */
final class BatchFailures {

    private final Statement statement;
    private final boolean secret;

    BatchFailures(Statement statement, boolean secret) {
        this.statement = statement;
        this.secret = secret;
    }

    BasculeException.MigrationFailed inBatch(SQLException e, long batchNumber, Optional<String> last) {
        String hint = "55P03".equals(e.getSQLState())
                ? "\n  A lock wait exceeded lock_timeout: a long transaction holds rows or the table; run again later"
                + " to resume, or raise lock-timeout in bascule:batch."
                : "57014".equals(e.getSQLState())
                ? "\n  A statement exceeded statement_timeout: lower size or raise statement-timeout in bascule:batch."
                : "";
        return failed(serverMessage(e) + hint + "\n  in batch " + batchNumber + " (" + range(last) + ") of the batched"
                + " statement starting at line " + statement.line() + ". This batch is rolled back; the batches"
                + " before it are committed and recorded: fix the cause and run again to resume"
                + last.map(k -> secret ? " after the last key recorded." : " after key " + k + ".")
                .orElse(" from the first key."), e.getSQLState());
    }

    BasculeException.MigrationFailed beforeBatch(SQLException e, long batchNumber, Optional<String> last) {
        return failed(serverMessage(e) + "\n  before batch " + batchNumber + " (" + range(last) + ") of the batched"
                + " statement starting at line " + statement.line() + ", while waiting to start it; the batches before"
                + " it are committed and recorded: run again to resume.", e.getSQLState());
    }

    BasculeException.MigrationFailed outsideBatch(SQLException e) {
        return failed(serverMessage(e) + "\n  while preparing the batched statement starting at line "
                + statement.line() + " (catalog lookup or progress table); no batch of it ran in this attempt.",
                e.getSQLState());
    }

    BasculeException.MigrationFailed concurrentRun(long batchNumber) {
        return failed("another run moved the progress of this batched statement (or it was cleared) while batch "
                + batchNumber + " ran; this batch is rolled back. Make sure one runner works on it, then run again:"
                + " it resumes from the recorded position.", null);
    }

    BasculeException.MigrationFailed interrupted(long batchNumber, Optional<String> last) {
        return failed("interrupted before batch " + batchNumber + " (" + range(last) + "); the batches before it are"
                + " committed and recorded: run again to resume.", null);
    }

    private String range(Optional<String> last) {
        return last.map(k -> secret ? "keys after the last key recorded" : "keys after " + k)
                .orElse("from the first key");
    }

    private String serverMessage(SQLException e) {
        String message = e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getMessage() : e.getMessage();
        if (secret) {
            message = "(message hidden: secure migration)";
        }
        return "ERROR: " + message + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
    }

    private BasculeException.MigrationFailed failed(String text, String sqlState) {
        return new BasculeException.MigrationFailed(statement.sourceName() + ":" + statement.line() + ": " + text,
                statement.sourceName(), statement.line(), sqlState, null);
    }
}
