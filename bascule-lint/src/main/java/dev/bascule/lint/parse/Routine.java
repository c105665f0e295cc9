package dev.bascule.lint.parse;

import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A DO block, a CREATE FUNCTION/PROCEDURE or an ALTER FUNCTION that sets volatility, read from the statement's
 * top-level tokens: what the rules need to look into its body and to know whether calling it is volatile.
 *
 * @param name       the function or procedure, {@code null} for DO
 * @param language   lower-case, without quotes ({@code plpgsql} when a DO block names none)
 * @param volatility as declared; CREATE FUNCTION without one is VOLATILE, ALTER FUNCTION without one is
 *                   {@code null} (it does not change it)
 * @param body       the string or dollar-quoted token holding the body, or {@code null} (C functions, BEGIN
 *                   ATOMIC bodies, ALTER FUNCTION)
 */
public record Routine(Kind kind, QName name, String language, Volatility volatility, Token body) {

    public enum Kind { DO, FUNCTION, PROCEDURE, ALTER_FUNCTION }

    /** PostgreSQL's function volatility classes, least volatile first. */
    public enum Volatility {
        IMMUTABLE, STABLE, VOLATILE;

        /** {@code i}, {@code s} or {@code v} as in {@code pg_proc.provolatile}. */
        public static Volatility ofCode(char code) {
            return code == 'i' ? IMMUTABLE : code == 's' ? STABLE : VOLATILE;
        }
    }

    /** True for a body the PL/pgSQL or SQL reader can follow. */
    public boolean analysable() {
        return body != null && (language.equals("plpgsql") || language.equals("sql"));
    }

    /** The routine a statement defines or alters, if it is one; never throws. */
    public static Optional<Routine> of(List<Token> tokens) {
        if (tokens.isEmpty() || tokens.get(0).type() != TokenType.WORD) {
            return Optional.empty();
        }
        try {
            Token first = tokens.get(0);
            if (first.is("do")) {
                return Optional.of(doBlock(tokens));
            }
            int i = 1;
            Kind kind;
            if (first.is("create")) {
                if (at(tokens, i, "or") && at(tokens, i + 1, "replace")) {
                    i += 2;
                }
                if (at(tokens, i, "function")) {
                    kind = Kind.FUNCTION;
                } else if (at(tokens, i, "procedure")) {
                    kind = Kind.PROCEDURE;
                } else {
                    return Optional.empty();
                }
            } else if (first.is("alter") && (at(tokens, i, "function") || at(tokens, i, "routine"))) {
                kind = Kind.ALTER_FUNCTION;
            } else {
                return Optional.empty();
            }
            i++;
            String schema = null;
            String name = TokenCursor.fold(tokens.get(i++));
            if (i < tokens.size() && tokens.get(i).type() == TokenType.DOT) {
                schema = name;
                name = TokenCursor.fold(tokens.get(i + 1));
                i += 2;
            }
            return Optional.of(options(kind, QName.of(schema, name), tokens, i));
        } catch (RuntimeException e) {
            return Optional.empty(); // a statement cut short: not a routine the rules can use
        }
    }

    private static Routine doBlock(List<Token> tokens) {
        String language = "plpgsql";
        Token body = null;
        for (int i = 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("language") && i + 1 < tokens.size()) {
                language = unquote(tokens.get(++i));
            } else if (body == null && isString(t)) {
                body = t;
            }
        }
        return new Routine(Kind.DO, null, language, null, body);
    }

    /** Reads LANGUAGE, volatility and the AS body at parenthesis depth 0 after the name. */
    private static Routine options(Kind kind, QName name, List<Token> tokens, int from) {
        String language = "sql";
        Volatility volatility = kind == Kind.ALTER_FUNCTION ? null : Volatility.VOLATILE;
        Token body = null;
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.LEFT_PAREN) {
                depth++;
            } else if (t.type() == TokenType.RIGHT_PAREN) {
                depth--;
            } else if (depth == 0 && t.type() == TokenType.WORD) {
                String word = t.text().toLowerCase(Locale.ROOT);
                switch (word) {
                    case "language" -> {
                        if (i + 1 < tokens.size()) {
                            language = unquote(tokens.get(++i));
                        }
                    }
                    case "immutable" -> volatility = Volatility.IMMUTABLE;
                    case "stable" -> volatility = Volatility.STABLE;
                    case "volatile" -> volatility = Volatility.VOLATILE;
                    case "as" -> {
                        if (body == null && i + 1 < tokens.size() && isString(tokens.get(i + 1))) {
                            body = tokens.get(++i);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return new Routine(kind, name, language, volatility, body);
    }

    private static boolean at(List<Token> tokens, int i, String word) {
        return i < tokens.size() && tokens.get(i).is(word);
    }

    private static boolean isString(Token t) {
        return t.type() == TokenType.DOLLAR_STRING || t.type() == TokenType.STRING;
    }

    private static String unquote(Token t) {
        String text = t.text();
        if (t.type() == TokenType.STRING && text.startsWith("'") && text.endsWith("'") && text.length() >= 2) {
            text = text.substring(1, text.length() - 1);
        } else if (t.type() == TokenType.QUOTED_IDENTIFIER) {
            text = TokenCursor.fold(t);
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
