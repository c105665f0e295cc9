package dev.bascule.run;

import dev.bascule.catalog.Migration;
import dev.bascule.error.BasculeException;
import dev.bascule.history.HistoryTable;
import dev.bascule.sql.Statement;
import dev.bascule.sql.StatementKind;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one prepared migration on the run's single connection, with its history row: in one transaction, or
 * (with {@code -- bascule:no-transaction}) statement by statement in autocommit, bracketed by a history row that
 * is marked failed until the last statement succeeds.
 */
final class ScriptRunner {

    private static final Pattern COPY_LINE = Pattern.compile("COPY [^,]+, line (\\d+)");

    private final Connection connection;
    private final HistoryTable history;

    ScriptRunner(Connection connection, HistoryTable history) {
        this.connection = connection;
        this.history = history;
    }

    /** Applies the migration and returns its execution time in milliseconds. */
    long apply(PreparedMigration prepared) throws SQLException {
        return prepared.transactional() ? applyInTransaction(prepared) : applyWithoutTransaction(prepared);
    }

    private long applyInTransaction(PreparedMigration prepared) throws SQLException {
        long start = System.nanoTime();
        connection.setAutoCommit(false);
        try {
            for (Statement statement : prepared.script().statements()) {
                execute(prepared.migration(), statement);
            }
            long ms = elapsedMs(start);
            history.insert(connection, prepared.migration(), ms, true);
            connection.commit();
            return ms;
        } catch (BasculeException.MigrationFailed e) {
            rollbackQuietly();
            throw new BasculeException.MigrationFailed(e.getMessage() + "\nIt was rolled back: nothing of it is applied.",
                    e.file(), e.line(), e.sqlState(), null);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private long applyWithoutTransaction(PreparedMigration prepared) throws SQLException {
        long start = System.nanoTime();
        connection.setAutoCommit(true);
        // Recorded as failed first: if the process dies half-way the row says so and blocks the next run.
        long id = history.insert(connection, prepared.migration(), 0, false);
        try {
            for (Statement statement : prepared.script().statements()) {
                execute(prepared.migration(), statement);
            }
        } catch (BasculeException.MigrationFailed e) {
            history.finish(connection, id, elapsedMs(start), false);
            throw new BasculeException.MigrationFailed(e.getMessage() + "\nIt ran without a transaction, so the statements"
                    + " before this one are applied and it is recorded as failed: fix the database, then run 'bascule repair'",
                    e.file(), e.line(), e.sqlState(), e.getCause());
        }
        long ms = elapsedMs(start);
        history.finish(connection, id, ms, true);
        return ms;
    }

    private void execute(Migration migration, Statement statement) {
        try {
            if (statement.kind() == StatementKind.COPY_FROM_STDIN) {
                String sql = statement.sql().endsWith(";") ? statement.sql().substring(0, statement.sql().length() - 1) : statement.sql();
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(statement.copyData()));
            } else {
                try (java.sql.Statement st = connection.createStatement()) {
                    st.setEscapeProcessing(false);
                    st.execute(statement.sql());
                }
            }
        } catch (SQLException e) {
            throw failure(migration, statement, e);
        } catch (IOException e) {
            throw new BasculeException.MigrationFailed(statement.sourceName() + ":" + statement.line()
                    + ": COPY data could not be sent: " + e.getMessage(), statement.sourceName(), statement.line(), null, null);
        }
    }

    /** Builds {@code FILE:LINE: ERROR: message (SQLSTATE x)}, the line being that of the failing token when known. */
    private static BasculeException.MigrationFailed failure(Migration migration, Statement statement, SQLException e) {
        int line = statement.line();
        String state = e.getSQLState();
        String message = e.getMessage();
        String detail = null;
        String hint = null;
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            message = server.getMessage();
            detail = server.getDetail();
            hint = server.getHint();
            if (server.getPosition() > 0) {
                line += countNewlines(statement.sql(), Math.min(server.getPosition() - 1, statement.sql().length()));
            } else if (statement.kind() == StatementKind.COPY_FROM_STDIN && server.getWhere() != null) {
                Matcher m = COPY_LINE.matcher(server.getWhere());
                if (m.find()) {
                    line += countNewlines(statement.sql(), statement.sql().length()) + Integer.parseInt(m.group(1));
                }
            }
        }
        StringBuilder text = new StringBuilder(statement.sourceName()).append(':').append(line).append(": ERROR: ");
        if (migration.secret()) {
            // Secure migrations: PostgreSQL's message may quote the secret values; detail and hint even more so.
            text.append(SecretMasker.mask(message));
        } else {
            text.append(message);
            if (detail != null) {
                text.append("\n  DETAIL: ").append(detail);
            }
            if (hint != null) {
                text.append("\n  HINT: ").append(hint);
            }
        }
        if (state != null) {
            text.append("\n  SQLSTATE: ").append(state);
        }
        text.append("\n  in migration ").append(migration.fileName()).append(", statement starting at line ")
                .append(statement.line()).append('.');
        return new BasculeException.MigrationFailed(text.toString(), statement.sourceName(), line, state, null);
    }

    private static int countNewlines(String text, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is what the user needs; a failed rollback means the connection is gone anyway.
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
