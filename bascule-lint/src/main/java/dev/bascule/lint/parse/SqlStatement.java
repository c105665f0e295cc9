package dev.bascule.lint.parse;

import dev.bascule.sql.Token;

import java.util.List;

/**
 * One statement of a migration file as the linter sees it.
 *
 * @param tokens          its non-trivia tokens, terminating semicolon included when present
 * @param leadingComments comment tokens on their own lines between the previous statement and this one
 *                        (where {@code -- bascule:ignore} lives)
 * @param sql             the statement's source text, first token to semicolon
 * @param ddl             what the parser understood of it
 */
public record SqlStatement(String file, String sql, List<Token> tokens, List<Token> leadingComments, Ddl ddl) {

    public SqlStatement {
        tokens = List.copyOf(tokens);
        leadingComments = List.copyOf(leadingComments);
    }

    public Token first() {
        return tokens.get(0);
    }

    public int line() {
        return first().line();
    }

    public int column() {
        return first().column();
    }

    /** The source text with {@code words} inserted after token {@code after}, e.g. CONCURRENTLY after INDEX. */
    public String insertAfter(Token after, String words) {
        int cut = after.end() - first().start();
        return sql.substring(0, cut) + " " + words + sql.substring(cut);
    }
}
