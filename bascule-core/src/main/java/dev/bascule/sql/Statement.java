package dev.bascule.sql;

import java.util.List;

/**
 * One top-level statement of a script.
 *
 * @param sql        the exact source text of the statement, from its first token up to and including its
 *                   terminating semicolon when there is one (leading comments and white space excluded)
 * @param sourceName the file the statement was read from (differs from the script's own for {@code \i} includes)
 * @param line       1-based line of the statement's first character in {@code sourceName}
 * @param column     1-based column of the statement's first character, counted in UTF-16 chars (a tab is 1)
 * @param kind       classification used by the runner and the linter
 * @param copyData   for {@link StatementKind#COPY_FROM_STDIN}: the inline data lines (without the {@code \.}
 *                   terminator line), else {@code null}
 * @param directives the {@link DirectiveKind.Placement#STATEMENT} directives written on the comment lines just
 *                   before this statement ({@code -- bascule:batch ...}), in order; at most one of each kind
 */
public record Statement(String sql, String sourceName, int line, int column, StatementKind kind, String copyData,
                        List<Directive> directives) {

    public Statement {
        directives = List.copyOf(directives);
    }

    public Statement(String sql, String sourceName, int line, int column, StatementKind kind, String copyData) {
        this(sql, sourceName, line, column, kind, copyData, List.of());
    }

    /** The statement directive of this kind written before this statement, if any. */
    public java.util.Optional<Directive> directive(DirectiveKind kind) {
        return Directives.first(directives, kind);
    }

    /** First PostgreSQL version (server_version_num) that accepts ALTER TYPE ... ADD VALUE in a transaction. */
    private static final int ADD_VALUE_IN_TRANSACTION_SINCE = 120000;

    /**
     * True when PostgreSQL {@code serverVersionNum} (e.g. 170002) refuses this statement inside a transaction
     * block: {@link StatementKind#NO_TRANSACTION} statements, and {@code ALTER TYPE ... ADD VALUE} before 12.
     */
    public boolean mustRunOutsideTransaction(int serverVersionNum) {
        if (kind == StatementKind.NO_TRANSACTION) {
            return true;
        }
        return serverVersionNum < ADD_VALUE_IN_TRANSACTION_SINCE && sql.regionMatches(true, 0, "alter", 0, 5)
                && StatementClassifier.isAlterTypeAddValue(PsqlScanner.topLevelWordsOf(sourceName, sql));
    }
}
