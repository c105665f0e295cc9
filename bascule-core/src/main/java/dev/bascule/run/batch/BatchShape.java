package dev.bascule.run.batch;

import dev.bascule.sql.Statement;

import java.util.Set;

/**
 * What a batched statement is, read from its tokens: the kind, the table whose key drives the batches, and where
 * the key-range predicate goes. Pure: knows nothing of the database (see {@link KeyResolver} for the key).
 */
public final class BatchShape {

    /** The statement forms that can be batched. */
    public enum Kind {
        /** {@code UPDATE [ONLY] t [AS a] SET ... [FROM ...] [WHERE ...] [RETURNING ...]}, batched over t's key. */
        UPDATE,
        /** {@code DELETE FROM [ONLY] t [AS a] [USING ...] [WHERE ...] [RETURNING ...]}, batched over t's key. */
        DELETE,
        /** {@code INSERT INTO t [(cols)] SELECT ... FROM s [AS b] ... [ON CONFLICT ...]}, batched over s's key. */
        INSERT_SELECT
    }

    private final Kind kind;
    private final StatementTokens tokens;
    private final TableRef target;
    private final TableRef keyTable;
    private final Set<String> assignedColumns;
    private final int whereFirst;
    private final int whereLast;
    private final int appendAfter;
    private final boolean returnsRows;

    /**
     * @param whereFirst  token index of the first token of the WHERE condition that receives the predicate, or -1
     * @param whereLast   token index of its last token, or -1
     * @param appendAfter token index after which {@code WHERE predicate} is written when there is no WHERE
     */
    BatchShape(Kind kind, StatementTokens tokens, TableRef target, TableRef keyTable, Set<String> assignedColumns,
               int whereFirst, int whereLast, int appendAfter, boolean returnsRows) {
        this.kind = kind;
        this.tokens = tokens;
        this.target = target;
        this.keyTable = keyTable;
        this.assignedColumns = Set.copyOf(assignedColumns);
        this.whereFirst = whereFirst;
        this.whereLast = whereLast;
        this.appendAfter = appendAfter;
        this.returnsRows = returnsRows;
    }

    public Kind kind() {
        return kind;
    }

    public Statement statement() {
        return tokens.statement();
    }

    /** The table the statement changes. */
    public TableRef target() {
        return target;
    }

    /** The table whose key is walked: the target of UPDATE and DELETE, the first FROM table of INSERT ... SELECT. */
    public TableRef keyTable() {
        return keyTable;
    }

    /** Columns an UPDATE assigns (folded names); empty for DELETE and INSERT. */
    public Set<String> assignedColumns() {
        return assignedColumns;
    }

    /** The statement has a RETURNING clause. */
    public boolean returnsRows() {
        return returnsRows;
    }

    /** The statement has a WHERE condition of its own (wrapped in parentheses when the predicate is added). */
    public boolean hasWhere() {
        return whereFirst >= 0;
    }

    StatementTokens tokens() {
        return tokens;
    }

    int whereFirst() {
        return whereFirst;
    }

    int whereLast() {
        return whereLast;
    }

    int appendAfter() {
        return appendAfter;
    }

    /** An error located at the statement's first token. */
    BatchStatementError error(String detail) {
        return tokens.error(0, detail);
    }

    @Override
    public String toString() {
        return kind + " over " + keyTable.name();
    }

    /** Parses {@code statement}; {@link BatchStatementError} names file and line when it cannot be batched. */
    public static BatchShape of(Statement statement) {
        return BatchShapeParser.parse(statement);
    }
}
