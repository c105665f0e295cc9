package dev.bascule.sql;

/**
 * One top-level statement of a script.
 *
 * @param sql        the exact source text of the statement, from its first token up to and including its
 *                   terminating semicolon when there is one (leading comments and white space excluded)
 * @param sourceName the file the statement was read from (differs from the script's own for {@code \i} includes)
 * @param line       1-based line of the statement's first character in {@code sourceName}
 * @param column     1-based column of the statement's first character
 * @param kind       classification used by the runner and the linter
 * @param copyData   for {@link StatementKind#COPY_FROM_STDIN}: the inline data lines (without the {@code \.}
 *                   terminator line), else {@code null}
 */
public record Statement(String sql, String sourceName, int line, int column, StatementKind kind, String copyData) {
}
