package dev.bascule.run.batch;

import dev.bascule.sql.Lexer;
import dev.bascule.sql.Statement;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The significant tokens of one statement (comments and white space dropped), each with its parenthesis depth,
 * and locations translated back to the script: token lines count from the statement's own first line.
 */
final class StatementTokens {

    private final Statement statement;
    private final List<Token> tokens;
    /** Parenthesis and bracket depth before each token (a "(" has its outer depth). */
    private final int[] depth;
    /** Index after the last token that is not the terminating semicolon. */
    private final int end;

    StatementTokens(Statement statement) {
        this.statement = statement;
        List<Token> significant = new ArrayList<>();
        for (Token t : Lexer.tokenize(statement.sourceName(), statement.sql())) {
            if (!t.isTrivia()) {
                significant.add(t);
            }
        }
        this.tokens = List.copyOf(significant);
        this.depth = new int[tokens.size()];
        int d = 0;
        for (int i = 0; i < tokens.size(); i++) {
            TokenType type = tokens.get(i).type();
            if (type == TokenType.RIGHT_PAREN || type == TokenType.RIGHT_BRACKET) {
                d = Math.max(0, d - 1);
            }
            depth[i] = d;
            if (type == TokenType.LEFT_PAREN || type == TokenType.LEFT_BRACKET) {
                d++;
            }
        }
        int last = tokens.size();
        while (last > 0 && tokens.get(last - 1).type() == TokenType.SEMICOLON) {
            last--;
        }
        this.end = last;
    }

    Statement statement() {
        return statement;
    }

    /** Number of tokens before the terminating semicolon. */
    int end() {
        return end;
    }

    Token get(int i) {
        return tokens.get(i);
    }

    int depth(int i) {
        return depth[i];
    }

    TokenType type(int i) {
        return i < end ? tokens.get(i).type() : null;
    }

    /** True when token {@code i} (before the end) is the unquoted word {@code keyword}. */
    boolean is(int i, String keyword) {
        return i >= 0 && i < end && tokens.get(i).is(keyword);
    }

    /** True when token {@code i} is one of {@code keywords} at parenthesis depth 0. */
    boolean isTop(int i, String... keywords) {
        if (i < 0 || i >= end || depth[i] != 0 || tokens.get(i).type() != TokenType.WORD) {
            return false;
        }
        for (String keyword : keywords) {
            if (tokens.get(i).text().equalsIgnoreCase(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** The first index in {@code [from, end)} holding one of {@code keywords} at depth 0, or {@code end}. */
    int findTop(int from, String... keywords) {
        for (int i = from; i < end; i++) {
            if (isTop(i, keywords)) {
                return i;
            }
        }
        return end;
    }

    boolean isIdentifier(int i) {
        TokenType type = type(i);
        return type == TokenType.WORD || type == TokenType.QUOTED_IDENTIFIER;
    }

    /** An identifier folded as PostgreSQL folds it: unquoted to lower case, quoted as written. */
    String folded(int i) {
        Token t = tokens.get(i);
        if (t.type() == TokenType.QUOTED_IDENTIFIER) {
            String text = t.text();
            int open = text.indexOf('"');
            return text.substring(open + 1, text.length() - 1).replace("\"\"", "\"");
        }
        return t.text().toLowerCase(Locale.ROOT);
    }

    /** An error at token {@code i} (or at the statement's start when {@code i} is past the end). */
    BatchStatementError error(int i, String detail) {
        if (i < 0 || i >= tokens.size()) {
            return new BatchStatementError(statement.sourceName(), statement.line(), statement.column(), detail);
        }
        Token t = tokens.get(i);
        int line = statement.line() + t.line() - 1;
        int column = t.line() == 1 ? statement.column() + t.column() - 1 : t.column();
        return new BatchStatementError(statement.sourceName(), line, column, detail);
    }

    /** The first words of the statement, upper-cased, for messages (never literals: secure files stay secret). */
    String leadingWords(int max) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < end && i < max && tokens.get(i).type() == TokenType.WORD; i++) {
            words.append(i == 0 ? "" : " ").append(tokens.get(i).text().toUpperCase(Locale.ROOT));
        }
        return words.length() == 0 ? "this statement" : words.toString();
    }
}
