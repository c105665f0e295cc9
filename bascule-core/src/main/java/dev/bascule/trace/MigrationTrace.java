package dev.bascule.trace;

import java.util.List;

/**
 * One traced migration (or file) and its statements, in order, up to and including the one that failed.
 *
 * @param file          the file as shown to the user
 * @param secret        a secure migration: statement texts and error messages are never shown
 * @param transactional it ran in one transaction (else statement by statement)
 */
public record MigrationTrace(String file, boolean secret, boolean transactional, List<StatementTrace> statements) {

    public MigrationTrace {
        statements = List.copyOf(statements);
    }

    public boolean failed() {
        return statements.stream().anyMatch(StatementTrace::failed);
    }
}
