package dev.bascule.fizz;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns fizz source (Pop's Plush-based migration DSL) into tokens. Fizz scripts only use a small part of
 * Plush: identifiers, double-quoted and backtick strings, numbers, punctuation and comments ({@code //},
 * {@code #} to end of line, {@code /* ... *}{@code /}). Double-quoted strings may span lines, as in Plush.
 */
final class FizzLexer {

    private final String sourceName;
    private final String text;
    private int pos;
    private int line = 1;
    private int column = 1;

    private FizzLexer(String sourceName, String text) {
        this.sourceName = sourceName;
        this.text = text;
    }

    static List<FizzToken> tokenize(String sourceName, String text) {
        return new FizzLexer(sourceName, text).run();
    }

    private List<FizzToken> run() {
        List<FizzToken> tokens = new ArrayList<>();
        while (true) {
            skipTrivia();
            if (pos >= text.length()) {
                tokens.add(new FizzToken(FizzToken.Type.EOF, "", line, column));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipTrivia() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == '\uFEFF') {
                advance();
            } else if (c == '#' || (c == '/' && peek(1) == '/')) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    advance();
                }
            } else if (c == '/' && peek(1) == '*') {
                int startLine = line;
                int startColumn = column;
                advance();
                advance();
                while (pos < text.length() && !(text.charAt(pos) == '*' && peek(1) == '/')) {
                    advance();
                }
                if (pos >= text.length()) {
                    throw error(startLine, startColumn, "unterminated /* comment: close it with */");
                }
                advance();
                advance();
            } else {
                return;
            }
        }
    }

    private FizzToken next() {
        int startLine = line;
        int startColumn = column;
        char c = text.charAt(pos);
        FizzToken.Type punctuation = switch (c) {
            case '(' -> FizzToken.Type.LPAREN;
            case ')' -> FizzToken.Type.RPAREN;
            case '{' -> FizzToken.Type.LBRACE;
            case '}' -> FizzToken.Type.RBRACE;
            case '[' -> FizzToken.Type.LBRACKET;
            case ']' -> FizzToken.Type.RBRACKET;
            case ',' -> FizzToken.Type.COMMA;
            case ':' -> FizzToken.Type.COLON;
            case '.' -> FizzToken.Type.DOT;
            default -> null;
        };
        if (punctuation != null) {
            advance();
            return new FizzToken(punctuation, String.valueOf(c), startLine, startColumn);
        }
        if (c == '"') {
            return new FizzToken(FizzToken.Type.STRING, quoted(startLine, startColumn), startLine, startColumn);
        }
        if (c == '`') {
            return new FizzToken(FizzToken.Type.STRING, raw(startLine, startColumn), startLine, startColumn);
        }
        if (Character.isDigit(c) || (c == '-' && Character.isDigit(peek(1)))) {
            return new FizzToken(FizzToken.Type.NUMBER, number(), startLine, startColumn);
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                advance();
            }
            return new FizzToken(FizzToken.Type.IDENT, text.substring(start, pos), startLine, startColumn);
        }
        throw error(startLine, startColumn, "unexpected character '" + c
                + "': fizz accepts calls like add_column(\"table\", \"column\", \"string\", {}) and comments");
    }

    /** A double-quoted string; resolves \" \\ \n \t and keeps any other backslash pair as written. */
    private String quoted(int startLine, int startColumn) {
        advance();
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                advance();
                return out.toString();
            }
            if (c == '\\' && pos + 1 < text.length()) {
                char escaped = text.charAt(pos + 1);
                switch (escaped) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    default -> out.append('\\').append(escaped);
                }
                advance();
                advance();
                continue;
            }
            out.append(c);
            advance();
        }
        throw error(startLine, startColumn, "unterminated string: add the closing \" (a string may span lines)");
    }

    /** A backtick string: taken exactly as written, no escapes. */
    private String raw(int startLine, int startColumn) {
        advance();
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != '`') {
            advance();
        }
        if (pos >= text.length()) {
            throw error(startLine, startColumn, "unterminated raw string: add the closing `");
        }
        String value = text.substring(start, pos);
        advance();
        return value;
    }

    private String number() {
        int start = pos;
        advance();
        while (pos < text.length() && (Character.isDigit(text.charAt(pos))
                || (text.charAt(pos) == '.' && Character.isDigit(peek(1))))) {
            advance();
        }
        return text.substring(start, pos);
    }

    private char peek(int ahead) {
        int at = pos + ahead;
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        pos++;
    }

    private FizzSyntaxError error(int atLine, int atColumn, String detail) {
        return new FizzSyntaxError(sourceName, atLine, atColumn, detail);
    }
}
