package dev.bascule.trace;

import dev.bascule.db.Database;
import dev.bascule.sql.Statement;
import dev.bascule.sql.StatementKind;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs scripts on the shadow database's session the way {@code migrate} runs them, with a probe after every
 * statement. A transactional script runs in one transaction, committed at the end (later scripts build on it). In a
 * no-transaction script each statement that may run in a transaction block gets one of its own, so its locks can be
 * read before they are released (one statement in autocommit is its own transaction anyway); statements inside the
 * file's own BEGIN ... COMMIT are probed in that transaction; the others ({@code CREATE INDEX CONCURRENTLY},
 * {@code VACUUM}, ...) have their locks sampled by a second session.
 */
final class StatementTracer {

    private static final int SUMMARY_CHARACTERS = 60;

    /** Concurrent index builds wait for older snapshots before they end (see {@link LockSampler}). */
    private static final java.util.regex.Pattern CONCURRENT_BUILD = java.util.regex.Pattern.compile(
            "(?is)(create\\s+(unique\\s+)?index\\s+concurrently|reindex\\s+(\\([^)]*\\)\\s*)?\\w+\\s+concurrently)\\b");

    /** How the session is reset before each script, as {@code migrate} does: RESET ALL, timeouts, role. */
    private final String sessionReset;
    private final TracingSession session;
    private final Connection connection;
    private final Database shadow;
    private final int serverVersionNum;
    private final int pid;

    StatementTracer(TracingSession session, Database shadow, int serverVersionNum, String sessionReset) throws SQLException {
        this.session = session;
        this.connection = session.connection();
        this.shadow = shadow;
        this.serverVersionNum = serverVersionNum;
        this.sessionReset = sessionReset;
        this.pid = CatalogProbe.backendPid(connection);
    }

    /** Traces one script; stops at the first statement that fails (rolled back, like migrate would). */
    MigrationTrace trace(TraceScript script) throws SQLException {
        reset();
        session.migrationStarting();
        List<StatementTrace> traces = new ArrayList<>();
        List<Statement> statements = script.script().statements();
        if (script.transactional()) {
            connection.setAutoCommit(false);
            try {
                session.transactionStarted();
                for (int i = 0; i < statements.size(); i++) {
                    StatementTrace trace = inTransaction(script, statements.get(i), i + 1);
                    traces.add(trace);
                    if (trace.failed()) {
                        connection.rollback();
                        return new MigrationTrace(script.file(), script.secret(), true, traces);
                    }
                }
                connection.commit();
            } finally {
                if (!connection.getAutoCommit()) {
                    rollbackQuietly();
                    connection.setAutoCommit(true);
                }
            }
        } else {
            for (int i = 0; i < statements.size(); i++) {
                StatementTrace trace = withoutTransaction(script, statements.get(i), i + 1);
                traces.add(trace);
                if (trace.failed()) {
                    if (transactionState() != TransactionState.IDLE) {
                        connection.rollback();
                    }
                    break;
                }
            }
        }
        return new MigrationTrace(script.file(), script.secret(), script.transactional(), traces);
    }

    /**
     * Runs a script as {@code migrate} would, without probes; the trace holds only the statement that failed, if one
     * did (then the transaction is rolled back). The tracer's record of relations is read afresh afterwards.
     */
    MigrationTrace applyOnly(TraceScript script) throws SQLException {
        reset();
        List<StatementTrace> failed = new ArrayList<>();
        connection.setAutoCommit(!script.transactional());
        try {
            List<Statement> statements = script.script().statements();
            for (int i = 0; i < statements.size() && failed.isEmpty(); i++) {
                Statement statement = statements.get(i);
                long start = System.nanoTime();
                Optional<String> error = execute(script, statement);
                if (error.isPresent()) {
                    failed.add(trace(script, statement, i + 1, TracingSession.Observed.nothing(),
                            Duration.ofNanos(System.nanoTime() - start), error));
                }
            }
            if (!connection.getAutoCommit()) {
                if (failed.isEmpty()) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
            } else if (transactionState() != TransactionState.IDLE) {
                connection.rollback();
            }
        } finally {
            if (!connection.getAutoCommit()) {
                rollbackQuietly();
                connection.setAutoCommit(true);
            }
        }
        session.forgetRelations();
        return new MigrationTrace(script.file(), script.secret(), script.transactional(), failed);
    }

    private void reset() throws SQLException {
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute(sessionReset);
        }
    }

    private StatementTrace inTransaction(TraceScript script, Statement statement, int index) throws SQLException {
        long start = System.nanoTime();
        Optional<String> error = execute(script, statement);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        TracingSession.Observed observed = error.isPresent() ? TracingSession.Observed.nothing()
                : session.afterStatementInTransaction();
        return trace(script, statement, index, observed, took, error);
    }

    private StatementTrace withoutTransaction(TraceScript script, Statement statement, int index) throws SQLException {
        TransactionState state = transactionState();
        if (statement.kind() == StatementKind.TRANSACTION_CONTROL) {
            long start = System.nanoTime();
            Optional<String> error = execute(script, statement);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (error.isEmpty() && state == TransactionState.IDLE && transactionState() == TransactionState.OPEN) {
                session.transactionStarted(); // the file's own BEGIN: its statements are probed in it
            }
            return trace(script, statement, index, TracingSession.Observed.nothing(), took, error);
        }
        if (state == TransactionState.OPEN) {
            return inTransaction(script, statement, index);
        }
        if (statement.mustRunOutsideTransaction(serverVersionNum)) {
            return outside(script, statement, index);
        }
        connection.setAutoCommit(false);
        try {
            session.transactionStarted();
            StatementTrace trace = inTransaction(script, statement, index);
            if (trace.failed()) {
                connection.rollback();
            } else {
                connection.commit();
            }
            return trace;
        } finally {
            if (!connection.getAutoCommit()) {
                rollbackQuietly();
                connection.setAutoCommit(true);
            }
        }
    }

    private StatementTrace outside(TraceScript script, Statement statement, int index) throws SQLException {
        TracingSession.Outside around = session.new Outside(serverVersionNum >= 150000);
        List<LockSampler.Sample> samples;
        Optional<String> error;
        Duration took;
        try (LockSampler sampler = LockSampler.start(shadow, pid, CONCURRENT_BUILD.matcher(statement.sql()).lookingAt())) {
            long start = System.nanoTime();
            error = execute(script, statement);
            took = Duration.ofNanos(System.nanoTime() - start);
            samples = sampler.stop();
        }
        TracingSession.Observed observed = error.isPresent() ? TracingSession.Observed.nothing() : around.after(samples);
        return trace(script, statement, index, observed, took, error);
    }

    private StatementTrace trace(TraceScript script, Statement statement, int index, TracingSession.Observed observed,
                                 Duration took, Optional<String> error) {
        return new StatementTrace(statement.sourceName(), statement.line(), statement.column(), index,
                script.secret() ? "" : summary(statement.sql()), observed.observation(), observed.locks(),
                observed.rewritten(), observed.created(), observed.scans(), observed.scansKnown(),
                error.isPresent() ? -1 : observed.rowsWritten(), took, error);
    }

    private Optional<String> execute(TraceScript script, Statement statement) {
        return run(connection, script, statement);
    }

    /** Runs the statement; PostgreSQL's error (only its SQLSTATE for secure scripts) when it fails. */
    static Optional<String> run(Connection connection, TraceScript script, Statement statement) {
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
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(describe(script, e));
        } catch (IOException e) {
            return Optional.of("COPY data could not be sent: " + e.getClass().getSimpleName());
        }
    }

    private static String describe(TraceScript script, SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
        if (script.secret()) {
            return "ERROR" + state + "; the message is not shown: secure migration";
        }
        String message = e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getMessage() : e.getMessage();
        return "ERROR: " + message + state;
    }

    private TransactionState transactionState() throws SQLException {
        return connection.unwrap(BaseConnection.class).getTransactionState();
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // Only reached after another failure, which is the one reported.
        }
    }

    /** The statement's first characters, white space collapsed; never used for secure scripts. */
    static String summary(String sql) {
        String collapsed = sql.strip().replaceAll("\\s+", " ");
        if (collapsed.codePointCount(0, collapsed.length()) <= SUMMARY_CHARACTERS) {
            return collapsed;
        }
        return collapsed.substring(0, collapsed.offsetByCodePoints(0, SUMMARY_CHARACTERS)) + "...";
    }
}
