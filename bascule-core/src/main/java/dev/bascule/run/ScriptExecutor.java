package dev.bascule.run;

import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.sql.Script;
import dev.bascule.sql.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Runs one script against a database the way {@code psql < file} does, for {@code bascule exec}: statement by
 * statement in autocommit (a file's own {@code BEGIN}/{@code COMMIT} are honoured, nothing is wrapped for it),
 * without the migration lock and without touching the history table.
 */
public final class ScriptExecutor {

    /** What ran: the number of statements and the time they took. */
    public record Result(int statements, long executionMs) {
    }

    private ScriptExecutor() {
    }

    /**
     * @param secret           mask PostgreSQL's messages (they may quote values of the file) and leave out DETAIL/HINT
     * @param lockTimeout      PostgreSQL {@code lock_timeout} for the statements (zero: not set)
     * @param statementTimeout PostgreSQL {@code statement_timeout} for the statements (zero: not set)
     */
    public static Result run(Database database, Script script, boolean secret, Duration lockTimeout,
                             Duration statementTimeout) {
        long start = System.nanoTime();
        int done = 0;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(true);
            try (java.sql.Statement st = connection.createStatement()) {
                st.execute("SET lock_timeout = " + lockTimeout.toMillis());
                st.execute("SET statement_timeout = " + statementTimeout.toMillis());
            }
            for (Statement statement : script.statements()) {
                try {
                    StatementExecutor.execute(connection, "file " + script.sourceName(), secret, statement);
                } catch (BasculeException.MigrationFailed e) {
                    throw new BasculeException.MigrationFailed(e.getMessage() + "\nexec does not wrap the file in a"
                            + " transaction: the " + done + " statement(s) before this one stay applied, except those"
                            + " inside a BEGIN ... COMMIT of the file that had not committed; nothing was recorded in the"
                            + " history", e.file(), e.line(), e.sqlState(), null);
                }
                done++;
            }
        } catch (SQLException e) {
            throw new BasculeException.Configuration("exec: the connection to " + database.describe() + " failed: "
                    + (secret ? SecretMasker.mask(e.getMessage()) : e.getMessage()) + " (SQLSTATE " + e.getSQLState()
                    + "); check that the database is up and retry", null);
        }
        return new Result(done, (System.nanoTime() - start) / 1_000_000);
    }
}
