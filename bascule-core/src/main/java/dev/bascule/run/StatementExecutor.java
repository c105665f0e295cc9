package dev.bascule.run;

import dev.bascule.error.BasculeException;
import dev.bascule.run.audit.AuditDirectives;
import dev.bascule.run.audit.AuditScope;
import dev.bascule.run.audit.AuditSpec;
import dev.bascule.run.audit.AuditStep;
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
 * Runs one statement (or COPY ... FROM STDIN with its data) and turns PostgreSQL's error into
 * {@code FILE:LINE: ERROR: message}; for secret files the message is masked and DETAIL/HINT are left out.
 */
final class StatementExecutor {

    /** Rows fetched at a time by an audited statement inside a transaction. */
    private static final int AUDIT_FETCH_SIZE = 1000;

    private static final Pattern COPY_LINE = Pattern.compile("COPY [^,]+, line (\\d+)");

    private StatementExecutor() {
    }

    static long execute(Connection connection, String what, boolean secret, Statement statement) {
        return execute(connection, what, secret, statement, null);
    }

    /**
     * Runs the statement; when it carries {@code -- bascule:audit} and {@code audit} is given, its rows go to the
     * audit file. Returns the rows it changed: the update count, or the rows a data statement returned.
     */
    static long execute(Connection connection, String what, boolean secret, Statement statement, AuditScope audit) {
        try {
            if (statement.kind() == StatementKind.COPY_FROM_STDIN) {
                String sql = statement.sql().endsWith(";") ? statement.sql().substring(0, statement.sql().length() - 1) : statement.sql();
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(statement.copyData()));
            }
            java.util.Optional<AuditSpec> audited = audit == null ? java.util.Optional.empty() : AuditDirectives.of(statement);
            try (java.sql.Statement st = connection.createStatement()) {
                st.setEscapeProcessing(false);
                if (audited.isPresent() && !connection.getAutoCommit()) {
                    st.setFetchSize(AUDIT_FETCH_SIZE); // streams a large audit query instead of holding it in memory
                }
                if (!st.execute(statement.sql())) {
                    return Math.max(0, st.getUpdateCount());
                }
                try (java.sql.ResultSet rows = st.getResultSet()) {
                    if (audited.isPresent()) {
                        long count = audit.write(statement, audited.get(), rows);
                        return audited.get().step() == AuditStep.CHANGE ? count : 0;
                    }
                    return AuditDirectives.changesData(statement) ? countRows(rows) : 0;
                }
            }
        } catch (SQLException e) {
            throw failure(what, secret, statement, e);
        } catch (IOException e) {
            throw new BasculeException.MigrationFailed(statement.sourceName() + ":" + statement.line()
                    + ": COPY data could not be sent: " + e.getMessage(), statement.sourceName(), statement.line(), null, null);
        }
    }

    /** Builds {@code FILE:LINE: ERROR: message (SQLSTATE x)}, the line being that of the failing token when known. */
    static BasculeException.MigrationFailed failure(String what, boolean secret, Statement statement,
                                                           SQLException e) {
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
        if (secret) {
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
        text.append("\n  in ").append(what).append(", statement starting at line ")
                .append(statement.line()).append('.');
        return new BasculeException.MigrationFailed(text.toString(), statement.sourceName(), line, state, null);
    }

    private static long countRows(java.sql.ResultSet rows) throws SQLException {
        long count = 0;
        while (rows.next()) {
            count++;
        }
        return count;
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
}
