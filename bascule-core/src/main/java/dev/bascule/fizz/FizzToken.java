package dev.bascule.fizz;

/**
 * One token of a fizz script. {@code text} is the decoded value for strings (quotes removed, escapes
 * resolved) and the literal text otherwise; {@code line} and {@code column} are 1-based.
 */
record FizzToken(Type type, String text, int line, int column) {

    enum Type {
        IDENT, STRING, NUMBER, LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA, COLON, DOT, EOF
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (type) {
            case EOF -> "end of file";
            case STRING -> "string \"" + abbreviate(text) + "\"";
            case IDENT -> "'" + text + "'";
            default -> "'" + text + "'";
        };
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace('\n', ' ');
        return oneLine.length() <= 30 ? oneLine : oneLine.substring(0, 30) + "...";
    }
}
