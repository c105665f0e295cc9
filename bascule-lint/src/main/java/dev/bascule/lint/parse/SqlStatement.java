package dev.bascule.lint.parse;

import dev.bascule.sql.Directive;
import dev.bascule.sql.DirectiveKind;
import dev.bascule.sql.Statement;
import dev.bascule.sql.StatementKind;
import dev.bascule.sql.Token;

import java.util.List;
import java.util.Optional;

/**
 * One statement of a migration file as the linter sees it.
 *
 * @param source          the statement as the runner's script engine cut and classified it, with the
 *                        statement directives ({@code -- bascule:batch ...}) written before it; for a statement of
 *                        a DO body, one built from its text (classified by the same engine, no directives)
 * @param tokens          its non-trivia tokens, terminating semicolon included when present; offsets, lines and
 *                        columns are those of the file, also for statements of a DO body
 * @param leadingComments comment tokens on their own lines between the previous statement and this one
 *                        (where {@code -- bascule:ignore} lives)
 * @param ddl             what the parser understood of it
 * @param embedded        the statement sits in the body of a DO block: it runs when the DO runs
 */
public record SqlStatement(Statement source, List<Token> tokens, List<Token> leadingComments, Ddl ddl,
                           boolean embedded) {

    public SqlStatement {
        tokens = List.copyOf(tokens);
        leadingComments = List.copyOf(leadingComments);
    }

    public String file() {
        return source.sourceName();
    }

    /** The statement's source text, first token to semicolon. */
    public String sql() {
        return source.sql();
    }

    /** How the runner classifies it (transaction control, refused inside a transaction, COPY, ordinary). */
    public StatementKind kind() {
        return source.kind();
    }

    /** The statement directive of this kind written just before it ({@code -- bascule:batch ...}), if any. */
    public Optional<Directive> directive(DirectiveKind kind) {
        return source.directive(kind);
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
        String sql = sql();
        return sql.substring(0, cut) + " " + words + sql.substring(cut);
    }
}
