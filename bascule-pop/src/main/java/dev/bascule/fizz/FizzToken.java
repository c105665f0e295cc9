package dev.bascule.fizz;

/**
 * One token of a fizz script. {@code text} is the decoded value for strings (quotes removed, escapes
 * resolved) and the literal text otherwise; {@code line} and {@code column} are 1-based.
 */
record FizzToken(Type type, String text, int line, int column) {

    enum Type {
        IDENT, STRING, NUMBER, LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA, COLON, DOT, EOF
    }

    /**
     * How the token reads in an error message. A string's content is left out: it may be SQL carrying data
     * that must not reach logs, and the line and column already point at it.
     */
    String describe() {
        return switch (type) {
            case EOF -> "end of file";
            case STRING -> "a string";
            case NUMBER -> "the number " + text;
            default -> "'" + text + "'";
        };
    }
}
