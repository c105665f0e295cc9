package dev.bascule.run;

import dev.bascule.run.audit.AuditDirectives;
import dev.bascule.sql.Statement;
import dev.bascule.sql.StatementKind;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Field;
import org.postgresql.core.Query;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandler;
import org.postgresql.core.Tuple;
import org.postgresql.jdbc.PreferQueryMode;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a transactional migration's BEGIN and statements in one round trip: pgjdbc's query executor sends every
 * statement (Parse, Bind, Execute each, PostgreSQL running them in order) followed by a single Sync, and reports each
 * statement's completion in order. Counting completions names the statement that failed, so the error is built
 * exactly as when the statement is sent on its own; the server skips everything after an error up to the Sync. The
 * pipeline starts with its own BEGIN (pgjdbc's, with autocommit off, would go as a simple query of its own).
 *
 * <p>Why the history row and COMMIT are not in the same pipeline: they are sent (with the next session reset, one
 * round trip, as before) only once the client has seen every statement succeed. A runner killed while a statement
 * runs must leave nothing of the migration behind; with the COMMIT already in the server's input it would commit
 * anyway, because PostgreSQL notices a dead client only when it reads the next message.
 *
 * <p>Why not {@code Statement.execute} of the joined text or {@code addBatch}: the first hides which statement
 * failed (its result list is dropped on error), the second refuses statements that return rows ({@code SELECT
 * set_config(..)}). Why the split is checked: pgjdbc splits the text with its own parser, which differs from
 * Bascule's on some inputs ({@code BEGIN ATOMIC} bodies glue what follows, pgjdbc #3259); when its statements are not
 * exactly ours, the migration runs statement by statement as before.
 *
 * <p>Why several Syncs for a long migration: the client writes every message before reading any reply; if the server
 * fills its output (rows, notices) while the client is still writing, both wait for each other. A pipeline therefore
 * carries at most {@link #MAX_STATEMENTS} statements and {@link #MAX_CHARS} characters of SQL, well under the socket
 * buffers, and a longer migration takes one round trip per such part, all in its one transaction.
 */
final class PipelinedMigration {

    static final int MAX_STATEMENTS = 100;
    static final int MAX_CHARS = 32 * 1024;

    /** What one pipelined migration came to. */
    sealed interface Outcome {
        /** Every statement ran; the transaction is open, for the history row and COMMIT. */
        record Ran() implements Outcome {
        }

        /** Statement {@code index} (0-based) of the migration failed with {@code error}; nothing after it ran. */
        record StatementFailed(int index, SQLException error) implements Outcome {
        }

        /** pgjdbc would not send these statements as Bascule split them; nothing was sent. */
        record NotPipelined() implements Outcome {
        }
    }

    private final Connection connection;

    PipelinedMigration(Connection connection) {
        this.connection = connection;
    }

    /**
     * Whether the migration may be pipelined: a transactional migration without COPY data or audited statements
     * (they stream to and from the client statement by statement), on a connection using the extended protocol (with
     * {@code preferQueryMode=simple} PostgreSQL's error positions would count from the start of the whole text).
     */
    boolean eligible(PreparedMigration prepared) {
        if (!prepared.transactional() || prepared.script().statements().isEmpty()) {
            return false;
        }
        for (Statement statement : prepared.script().statements()) {
            if (statement.kind() == StatementKind.COPY_FROM_STDIN || AuditDirectives.of(statement).isPresent()) {
                return false;
            }
        }
        try {
            // A borrowed connection (a pool's wrapper) that does not expose pgjdbc's own runs statement by statement.
            return connection.isWrapperFor(BaseConnection.class)
                    && connection.unwrap(PGConnection.class).getPreferQueryMode() != PreferQueryMode.SIMPLE;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Runs BEGIN and the migration's statements on the connection, which must have autocommit off. */
    Outcome run(List<Statement> statements) throws SQLException {
        QueryExecutor executor = connection.unwrap(BaseConnection.class).getQueryExecutor();
        List<Part> parts = parts(statements, executor);
        if (parts.isEmpty()) {
            return new Outcome.NotPipelined();
        }
        for (Part part : parts) {
            Completions completions = new Completions();
            try {
                // Our own BEGIN heads the first pipeline: pgjdbc would send its own as a separate simple query.
                executor.execute(part.query(), part.query().createParameterList(), completions, 0, 0,
                        QueryExecutor.QUERY_ONESHOT | QueryExecutor.QUERY_SUPPRESS_BEGIN);
            } catch (SQLException e) {
                completions.handleError(e);
            }
            if (completions.error != null) {
                int index = part.first() + Math.max(0, completions.completed - part.leading());
                return new Outcome.StatementFailed(Math.min(index, statements.size() - 1), completions.error);
            }
        }
        return new Outcome.Ran();
    }

    /** The statements cut into pipelines; empty when pgjdbc would split any part differently. */
    private static List<Part> parts(List<Statement> statements, QueryExecutor executor) throws SQLException {
        List<Part> parts = new ArrayList<>();
        int first = 0;
        while (first < statements.size()) {
            int end = first;
            int chars = 0;
            StringBuilder text = new StringBuilder(first == 0 ? "BEGIN;" : "");
            while (end < statements.size() && (end == first
                    || (end - first < MAX_STATEMENTS && chars + statements.get(end).sql().length() <= MAX_CHARS))) {
                String sql = statements.get(end).sql();
                chars += sql.length();
                // Nothing between statements: pgjdbc keeps white space in front of a statement as part of its text.
                text.append(sql).append(sql.endsWith(";") ? "" : ";");
                end++;
            }
            Query query = executor.createSimpleQuery(text.toString());
            int leading = first == 0 ? 1 : 0;
            if (!splitAlike(query, leading, statements.subList(first, end))) {
                return List.of();
            }
            parts.add(new Part(query, first, leading));
            first = end;
        }
        return parts;
    }

    /** Whether pgjdbc's statements begin with exactly ours, text for text (PostgreSQL's error positions count in it). */
    private static boolean splitAlike(Query query, int leading, List<Statement> ours) {
        Query[] subqueries = query.getSubqueries() == null ? new Query[]{query} : query.getSubqueries();
        if (subqueries.length != leading + ours.size()) {
            return false;
        }
        for (int i = 0; i < ours.size(); i++) {
            String sql = ours.get(i).sql();
            String expected = sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
            if (!subqueries[leading + i].getNativeSql().equals(expected)) {
                return false;
            }
        }
        return true;
    }

    /** One pipeline: {@code leading} statements of ours (BEGIN), then the migration's from {@code first} on. */
    private record Part(Query query, int first, int leading) {
    }

    /** Counts the statements that completed, in order (one callback each: rows or a command status), keeps the first error. */
    private static final class Completions implements ResultHandler {
        private int completed;
        private SQLException error;

        @Override
        public void handleResultRows(Query fromQuery, Field[] fields, List<Tuple> tuples, ResultCursor cursor) {
            completed++; // rows are dropped, as when each statement is sent on its own
        }

        @Override
        public void handleCommandStatus(String status, long updateCount, long insertOID) {
            completed++;
        }

        @Override
        public void handleWarning(SQLWarning warning) {
            // Notices are dropped, as when each statement is sent on its own.
        }

        @Override
        public void handleError(SQLException newError) {
            if (error == null) {
                error = newError;
            }
        }

        @Override
        public void handleCompletion() {
            // The caller inspects the error and where it happened.
        }

        @Override
        public void secureProgress() {
        }

        @Override
        public SQLException getException() {
            return error;
        }
    }
}
