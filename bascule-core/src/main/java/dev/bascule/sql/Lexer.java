package dev.bascule.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits PostgreSQL script text into tokens the way psql does. Every character of the input belongs to exactly
 * one token, in order: concatenating the token texts gives the input back. {@code COPY ... FROM STDIN;} is
 * followed by one {@link TokenType#COPY_DATA} token holding the inline data and its {@code \.} line.
 */
public final class Lexer {

    /** Shared texts for one-character ASCII tokens (spaces, commas, parentheses...): a third of all tokens. */
    private static final List<String> ONE_CHARACTER = IntStream.range(0, 128)
            .mapToObj(c -> String.valueOf((char) c)).toList();

    private Lexer() {
    }

    /**
     * @param sourceName file name used in error messages
     * @throws ScriptSyntaxError for an unterminated quote, dollar quote, block comment or COPY data block
     */
    public static List<Token> tokenize(String sourceName, String text) {
        PsqlScanner scanner = new PsqlScanner(sourceName, text);
        List<Token> tokens = new ArrayList<>(Math.max(16, text.length() / 6));
        while (scanner.next()) {
            int start = scanner.start();
            int end = scanner.end();
            char first = text.charAt(start);
            String tokenText = end - start == 1 && first < 128 ? ONE_CHARACTER.get(first) : text.substring(start, end);
            tokens.add(new Token(scanner.type(), tokenText, start, end, scanner.line(), scanner.column()));
        }
        return tokens;
    }
}
