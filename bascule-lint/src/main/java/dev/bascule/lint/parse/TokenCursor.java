package dev.bascule.lint.parse;

import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A position in the non-trivia tokens of one statement, with the small vocabulary the DDL parser is written in.
 * Reading past the end or meeting an unexpected token throws {@link ParseFailure}, which the parser turns into
 * a "not analysed" result.
 */
final class TokenCursor {

    /** Thrown when the statement does not have the shape the parser expects; never escapes the parser. */
    static final class ParseFailure extends RuntimeException {
        final Token at;

        ParseFailure(Token at, String message) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    private final List<Token> tokens;
    /** Source text starting at the first token, for quoting expressions as written. */
    private final String source;
    private int pos;

    TokenCursor(List<Token> tokens, String source) {
        this.tokens = tokens;
        this.source = source;
    }

    int position() {
        return pos;
    }

    void reset(int position) {
        pos = position;
    }

    boolean atEnd() {
        return pos >= tokens.size() || tokens.get(pos).type() == TokenType.SEMICOLON;
    }

    Token peek() {
        return peek(0);
    }

    /** The token {@code ahead} places on, or the last token when past the end (used only for locations). */
    Token peek(int ahead) {
        int i = pos + ahead;
        if (i >= tokens.size()) {
            return null;
        }
        return tokens.get(i);
    }

    Token last() {
        return tokens.isEmpty() ? null : tokens.get(Math.min(pos, tokens.size() - 1));
    }

    Token next() {
        if (pos >= tokens.size()) {
            throw new ParseFailure(last(), "statement ends too early");
        }
        return tokens.get(pos++);
    }

    boolean is(String keyword) {
        Token t = peek();
        return t != null && t.is(keyword);
    }

    boolean isAt(int ahead, String keyword) {
        Token t = peek(ahead);
        return t != null && t.is(keyword);
    }

    boolean isType(TokenType type) {
        Token t = peek();
        return t != null && t.type() == type;
    }

    /** Consumes the keywords when they all follow in order; otherwise consumes nothing. */
    boolean accept(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            if (!isAt(i, keywords[i])) {
                return false;
            }
        }
        pos += keywords.length;
        return true;
    }

    boolean acceptType(TokenType type) {
        if (isType(type)) {
            pos++;
            return true;
        }
        return false;
    }

    Token expect(String keyword) {
        if (!is(keyword)) {
            throw failure("expected " + keyword);
        }
        return next();
    }

    void expectType(TokenType type) {
        if (!acceptType(type)) {
            throw failure("expected " + type);
        }
    }

    ParseFailure failure(String message) {
        Token t = peek();
        return new ParseFailure(t == null ? last() : t, message + (t == null ? " at the end" : " at '" + t.text() + "'"));
    }

    boolean isIdentifier() {
        return isType(TokenType.WORD) || isType(TokenType.QUOTED_IDENTIFIER);
    }

    /** An identifier folded like PostgreSQL folds it. */
    String identifier() {
        Token t = peek();
        if (t == null || (t.type() != TokenType.WORD && t.type() != TokenType.QUOTED_IDENTIFIER)) {
            throw failure("expected a name");
        }
        pos++;
        return fold(t);
    }

    static String fold(Token t) {
        if (t.type() == TokenType.QUOTED_IDENTIFIER) {
            String text = t.text();
            int open = text.indexOf('"');
            return text.substring(open + 1, text.length() - 1).replace("\"\"", "\"");
        }
        return t.text().toLowerCase(Locale.ROOT);
    }

    /** {@code name}, {@code schema.name} or {@code db.schema.name}. */
    QName qname() {
        List<String> parts = new ArrayList<>();
        parts.add(identifier());
        while (isType(TokenType.DOT)) {
            pos++;
            parts.add(identifier());
        }
        int n = parts.size();
        return QName.of(n >= 2 ? parts.get(n - 2) : null, parts.get(n - 1));
    }

    /** Skips a balanced parenthesised group starting at the current {@code (}. */
    void skipParens() {
        expectType(TokenType.LEFT_PAREN);
        int depth = 1;
        while (depth > 0) {
            Token t = next();
            if (t.type() == TokenType.LEFT_PAREN) {
                depth++;
            } else if (t.type() == TokenType.RIGHT_PAREN) {
                depth--;
            }
        }
    }

    /**
     * Advances to the next depth-0 comma, closing parenthesis or the end, whichever comes first, or to a
     * depth-0 word in {@code stopWords}; returns the index where it stopped.
     */
    int skipUntil(Set<String> stopWords) {
        int depth = 0;
        while (pos < tokens.size()) {
            Token t = tokens.get(pos);
            TokenType type = t.type();
            if (depth == 0 && (type == TokenType.COMMA || type == TokenType.RIGHT_PAREN
                    || type == TokenType.SEMICOLON
                    || (type == TokenType.WORD && isOneOf(t, stopWords)))) {
                return pos;
            }
            if (type == TokenType.LEFT_PAREN || type == TokenType.LEFT_BRACKET) {
                depth++;
            } else if (type == TokenType.RIGHT_PAREN || type == TokenType.RIGHT_BRACKET) {
                depth--;
            }
            pos++;
        }
        return pos;
    }

    /** Source text of tokens {@code [from, to)} as written, comments dropped and white space runs collapsed. */
    String text(int from, int to) {
        int end = Math.min(to, tokens.size());
        if (from >= end) {
            return "";
        }
        int base = tokens.get(0).start();
        StringBuilder b = new StringBuilder();
        for (int i = from; i < end; i++) {
            Token t = tokens.get(i);
            if (i > from && t.start() > tokens.get(i - 1).end()) {
                b.append(' ');
            }
            b.append(source, t.start() - base, t.end() - base);
        }
        return b.toString();
    }

    /** True when any token in {@code [from, to)} is one of these words (function names, keywords). */
    Token findWord(int from, int to, Set<String> words) {
        for (int i = from; i < to && i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.WORD && isOneOf(t, words)) {
                return t;
            }
        }
        return null;
    }

    /** True when the word is one of {@code words} (lower-case), ignoring case; no copy of the text is made. */
    static boolean isOneOf(Token t, Set<String> words) {
        String text = t.text();
        for (String w : words) {
            if (w.length() == text.length() && w.equalsIgnoreCase(text)) {
                return true;
            }
        }
        return false;
    }

    /** True when a depth-0 word {@code keyword} occurs from the current position to the end. */
    boolean hasTopLevelWord(String keyword) {
        int depth = 0;
        for (int i = pos; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.LEFT_PAREN) {
                depth++;
            } else if (t.type() == TokenType.RIGHT_PAREN) {
                depth--;
            } else if (depth == 0 && t.is(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** A column type: multi-word names, modifiers, time zones and array brackets. */
    TypeName typeName() {
        QName q = qname();
        String first = q.name();
        String name;
        switch (first) {
            case "double" -> {
                accept("precision");
                name = "double precision";
            }
            case "character", "char", "nchar" -> name = accept("varying") ? "varchar" : "char";
            case "national" -> {
                accept("character");
                accept("char");
                name = accept("varying") ? "varchar" : "char";
            }
            case "bit" -> name = accept("varying") ? "varbit" : "bit";
            case "interval" -> {
                while (peek() != null && Set.of("year", "month", "day", "hour", "minute", "second", "to")
                        .contains(peek().text().toLowerCase(Locale.ROOT)) && peek().type() == TokenType.WORD) {
                    pos++;
                }
                name = "interval";
            }
            default -> name = first;
        }
        List<Integer> modifiers = new ArrayList<>();
        if (isType(TokenType.LEFT_PAREN)) {
            int start = pos;
            pos++;
            while (isType(TokenType.NUMBER)) {
                modifiers.add(Integer.parseInt(next().text()));
                if (!acceptType(TokenType.COMMA)) {
                    break;
                }
            }
            if (!acceptType(TokenType.RIGHT_PAREN)) {
                pos = start;
                modifiers.clear();
                skipParens();
            }
        }
        if (name.equals("timestamp") || name.equals("time")) {
            if (accept("with", "time", "zone")) {
                name = name + "tz";
            } else {
                accept("without", "time", "zone");
            }
        }
        boolean array = false;
        while (isType(TokenType.LEFT_BRACKET) || is("array")) {
            array = true;
            if (acceptType(TokenType.LEFT_BRACKET) || (accept("array") && acceptType(TokenType.LEFT_BRACKET))) {
                while (!acceptType(TokenType.RIGHT_BRACKET)) {
                    next();
                }
            }
        }
        return new TypeName(canonical(name), modifiers, array);
    }

    private static String canonical(String name) {
        return switch (name) {
            case "int", "int4", "integer" -> "integer";
            case "int8", "bigint" -> "bigint";
            case "int2", "smallint" -> "smallint";
            case "serial", "serial4" -> "serial";
            case "bigserial", "serial8" -> "bigserial";
            case "smallserial", "serial2" -> "smallserial";
            case "bool", "boolean" -> "boolean";
            case "decimal", "numeric" -> "numeric";
            case "float8", "float" -> "double precision";
            case "float4", "real" -> "real";
            case "bpchar" -> "char";
            case "timestamp without time zone" -> "timestamp";
            default -> name;
        };
    }

    /** One or more comma-separated names. */
    List<QName> qnames() {
        List<QName> names = new ArrayList<>();
        do {
            names.add(qname());
        } while (acceptType(TokenType.COMMA));
        return names;
    }

    /** The first {@code n} words of the statement, upper-cased, for naming opaque statements. */
    String leadingWords(int n) {
        int save = pos;
        pos = 0;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n && !atEnd() && isType(TokenType.WORD); i++) {
            b.append(i == 0 ? "" : " ").append(next().text().toUpperCase(Locale.ROOT));
        }
        pos = save;
        return b.toString();
    }
}
