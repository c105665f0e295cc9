package dev.bascule.sql;

/**
 * One lexical token. {@code start} and {@code end} are char offsets into the lexed text (end exclusive);
 * {@code line} and {@code column} are 1-based and point at the first character.
 */
public record Token(TokenType type, String text, int start, int end, int line, int column) {

    /** True for white space and comments, which carry no meaning for the parser. */
    public boolean isTrivia() {
        return type == TokenType.WHITESPACE || type == TokenType.LINE_COMMENT || type == TokenType.BLOCK_COMMENT;
    }

    /** True when this is an unquoted word equal to {@code keyword}, ignoring case. */
    public boolean is(String keyword) {
        return type == TokenType.WORD && text.equalsIgnoreCase(keyword);
    }
}
