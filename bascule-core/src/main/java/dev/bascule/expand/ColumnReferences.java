package dev.bascule.expand;

import dev.bascule.sql.Lexer;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds and replaces references to a column in an expression as PostgreSQL prints it (a CHECK, an index's
 * keys and predicate, a default), token by token with the script engine's lexer, so text in string literals
 * and comments is never touched. A word counts as a column reference unless it is qualified ({@code x.col}),
 * a type ({@code ::col}, {@code AS col}), a function ({@code col(}) or a typed literal's type
 * ({@code col 'text'}) — the forms in which the catalog prints anything but a column under that name.
 */
final class ColumnReferences {

    private ColumnReferences() {
    }

    /** {@code sql} with every reference to {@code from} written as the identifier {@code to}. */
    static String rename(String sql, String from, String to) {
        return replace(sql, from, t -> SqlText.ident(to));
    }

    /** {@code sql} with every reference to {@code column} replaced by {@code (expression)}. */
    static String substitute(String sql, String column, String expression) {
        return replace(sql, column, t -> "(" + expression + ")");
    }

    /** The names among {@code columns} that {@code sql} refers to. */
    static Set<String> referenced(String sql, Collection<String> columns) {
        Set<String> found = new LinkedHashSet<>();
        List<Token> tokens = Lexer.tokenize("expression", sql);
        for (int i = 0; i < tokens.size(); i++) {
            String name = columnName(tokens, i);
            if (name != null && columns.contains(name)) {
                found.add(name);
            }
        }
        return found;
    }

    private static String replace(String sql, String column, Function<Token, String> replacement) {
        List<Token> tokens = Lexer.tokenize("expression", sql);
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (column.equals(columnName(tokens, i))) {
                Token t = tokens.get(i);
                out.append(sql, copied, t.start()).append(replacement.apply(t));
                copied = t.end();
            }
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    /** The column token {@code i} refers to, or {@code null} when it is no column reference. */
    private static String columnName(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        String name;
        if (t.type() == TokenType.WORD) {
            name = t.text().toLowerCase(Locale.ROOT);
        } else if (t.type() == TokenType.QUOTED_IDENTIFIER && t.text().startsWith("\"")) {
            name = SqlText.parseIdentifier(t.text());
        } else {
            return null;
        }
        Token previous = significant(tokens, i, -1);
        Token next = significant(tokens, i, +1);
        if (previous != null && (previous.type() == TokenType.DOT || previous.type() == TokenType.CAST
                || previous.is("as") || previous.is("using") || previous.is("collate"))) {
            return null;
        }
        if (next != null && (next.type() == TokenType.LEFT_PAREN || next.type() == TokenType.DOT
                || next.type() == TokenType.STRING)) {
            return null;
        }
        return name;
    }

    private static Token significant(List<Token> tokens, int from, int step) {
        for (int j = from + step; j >= 0 && j < tokens.size(); j += step) {
            if (!tokens.get(j).isTrivia()) {
                return tokens.get(j);
            }
        }
        return null;
    }

    /**
     * The text after the first parenthesised group, e.g. {@code REFERENCES statuses(code) ON DELETE CASCADE} of
     * {@code FOREIGN KEY (status) REFERENCES statuses(code) ON DELETE CASCADE}; {@code null} if there is none.
     */
    static String afterFirstGroup(String sql) {
        List<Token> tokens = Lexer.tokenize("definition", sql);
        int depth = 0;
        boolean opened = false;
        for (Token t : tokens) {
            if (t.type() == TokenType.LEFT_PAREN) {
                depth++;
                opened = true;
            } else if (t.type() == TokenType.RIGHT_PAREN) {
                depth--;
                if (opened && depth == 0) {
                    return sql.substring(t.end());
                }
            }
        }
        return null;
    }

    /**
     * The offset of the first top-level word {@code word} (case-insensitive) at or after {@code from}, or -1.
     */
    static int indexOfWord(String sql, String word, int from) {
        int depth = 0;
        for (Token t : Lexer.tokenize("definition", sql)) {
            if (t.type() == TokenType.LEFT_PAREN) {
                depth++;
            } else if (t.type() == TokenType.RIGHT_PAREN) {
                depth--;
            } else if (depth == 0 && t.start() >= from && t.is(word)) {
                return t.start();
            }
        }
        return -1;
    }
}
