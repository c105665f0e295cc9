package dev.bascule.sql;

/** What the runner and linter need to know about a top-level statement before running it. */
public enum StatementKind {
    /** BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE, PREPARE TRANSACTION, ... */
    TRANSACTION_CONTROL,
    /** A statement PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...). */
    NO_TRANSACTION,
    /** {@code COPY ... FROM STDIN}; its inline data is in {@link Statement#copyData()}. */
    COPY_FROM_STDIN,
    /** Everything else. */
    ORDINARY
}
