package dev.bascule.lint.parse;

import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokenizer used by the linter until the script engine's {@code dev.bascule.sql.Lexer} is merged; it follows
 * the same contract (every character in exactly one {@link Token}) so the swap is a one-line change in
 * {@link ScriptSplitter}. It never throws: an unterminated quote or comment becomes one token running to the end
 * of the text, and the splitter reports the statement as not analysed.
 */
public final class LintLexer {

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int statementStart;
    private int line = 1;
    private int column = 1;

    private final boolean keepWhitespace;

    private LintLexer(String text, boolean keepWhitespace) {
        this.text = text;
        this.keepWhitespace = keepWhitespace;
    }

    /** Tokenizes {@code text}; positions are 1-based lines and columns. */
    public static List<Token> tokenize(String text) {
        LintLexer lexer = new LintLexer(text, true);
        lexer.run();
        return lexer.tokens;
    }

    /**
     * As {@link #tokenize(String)} without the white-space tokens, which the splitter never looks at; on large
     * data migrations they are half the tokens, so leaving them out halves the garbage.
     */
    public static List<Token> tokenizeSignificant(String text) {
        LintLexer lexer = new LintLexer(text, false);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            char next = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
            if (Character.isWhitespace(c)) {
                emit(TokenType.WHITESPACE, scanWhile(pos, Character::isWhitespace));
            } else if (c == '-' && next == '-') {
                int end = text.indexOf('\n', pos);
                emit(TokenType.LINE_COMMENT, end < 0 ? text.length() : end);
            } else if (c == '/' && next == '*') {
                emit(TokenType.BLOCK_COMMENT, blockCommentEnd());
            } else if ((c == 'E' || c == 'e') && next == '\'') {
                emit(TokenType.STRING, quotedEnd(pos + 1, '\'', true));
            } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n') && next == '\'') {
                emit(TokenType.STRING, quotedEnd(pos + 1, '\'', false));
            } else if ((c == 'U' || c == 'u') && next == '&' && pos + 2 < text.length()
                    && (text.charAt(pos + 2) == '\'' || text.charAt(pos + 2) == '"')) {
                char q = text.charAt(pos + 2);
                emit(q == '\'' ? TokenType.STRING : TokenType.QUOTED_IDENTIFIER, quotedEnd(pos + 2, q, false));
            } else if (c == '\'') {
                emit(TokenType.STRING, quotedEnd(pos, '\'', false));
            } else if (c == '"') {
                emit(TokenType.QUOTED_IDENTIFIER, quotedEnd(pos, '"', false));
            } else if (c == '$' && Character.isDigit(next)) {
                emit(TokenType.PARAMETER, scanWhile(pos + 1, Character::isDigit));
            } else if (c == '$' && dollarTagEnd(pos) > 0) {
                emit(TokenType.DOLLAR_STRING, dollarStringEnd());
            } else if (Character.isLetter(c) || c == '_') {
                emit(TokenType.WORD, scanWhile(pos, ch -> Character.isLetterOrDigit(ch) || ch == '_' || ch == '$'));
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(next))) {
                emit(TokenType.NUMBER, numberEnd());
            } else if (c == '\\') {
                int end = text.indexOf('\n', pos);
                emit(TokenType.META_COMMAND, end < 0 ? text.length() : end);
            } else {
                punctuation(c, next);
            }
        }
    }

    private void punctuation(char c, char next) {
        switch (c) {
            case '(' -> emit(TokenType.LEFT_PAREN, pos + 1);
            case ')' -> emit(TokenType.RIGHT_PAREN, pos + 1);
            case '[' -> emit(TokenType.LEFT_BRACKET, pos + 1);
            case ']' -> emit(TokenType.RIGHT_BRACKET, pos + 1);
            case ',' -> emit(TokenType.COMMA, pos + 1);
            case '.' -> emit(TokenType.DOT, pos + 1);
            case ';' -> {
                emit(TokenType.SEMICOLON, pos + 1);
                if (statementIsCopyFromStdin()) {
                    emit(TokenType.META_COMMAND, copyDataEnd());
                }
                statementStart = tokens.size();
            }
            case ':' -> emit(next == ':' ? TokenType.CAST : TokenType.COLON, next == ':' ? pos + 2 : pos + 1);
            default -> {
                if ("+-*/<>=~!@#%^&|`?".indexOf(c) >= 0) {
                    int end = pos + 1;
                    while (end < text.length() && "+-*/<>=~!@#%^&|`?".indexOf(text.charAt(end)) >= 0
                            && !text.startsWith("--", end) && !text.startsWith("/*", end)) {
                        end++;
                    }
                    emit(TokenType.OPERATOR, end);
                } else {
                    emit(TokenType.OTHER, pos + 1);
                }
            }
        }
    }

    /** True when the statement just ended is {@code COPY ... FROM STDIN}, whose data lines follow inline. */
    private boolean statementIsCopyFromStdin() {
        boolean first = true;
        boolean afterFrom = false;
        for (int i = statementStart; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isTrivia()) {
                continue;
            }
            if (first && !t.is("copy")) {
                return false;
            }
            first = false;
            if (afterFrom && t.is("stdin")) {
                return true;
            }
            afterFrom = t.is("from");
        }
        return false;
    }

    /** COPY data runs from after the semicolon to the end of the line holding the {@code \.} terminator. */
    private int copyDataEnd() {
        int lineStart = text.indexOf('\n', pos);
        while (lineStart >= 0) {
            int start = lineStart + 1;
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end < 0 ? text.length() : end).strip();
            if (line.equals("\\.")) {
                return end < 0 ? text.length() : end;
            }
            lineStart = end;
        }
        return text.length();
    }

    private interface CharTest {
        boolean test(char c);
    }

    private int scanWhile(int from, CharTest test) {
        int end = from;
        while (end < text.length() && test.test(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private int numberEnd() {
        int end = scanWhile(pos, ch -> Character.isDigit(ch) || ch == '.' || ch == '_');
        if (end < text.length() && (text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
            int exp = end + 1;
            if (exp < text.length() && (text.charAt(exp) == '+' || text.charAt(exp) == '-')) {
                exp++;
            }
            if (exp < text.length() && Character.isDigit(text.charAt(exp))) {
                end = scanWhile(exp, Character::isDigit);
            }
        }
        return end;
    }

    private int blockCommentEnd() {
        int depth = 0;
        int i = pos;
        while (i < text.length()) {
            if (text.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** End of a quoted run opened at {@code open}; doubled quotes continue it, backslashes escape when asked. */
    private int quotedEnd(int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (backslashEscapes && ch == '\\') {
                i += 2;
            } else if (ch == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** Returns the end of a {@code $tag$} opening at {@code at}, or -1 when none starts there. */
    private int dollarTagEnd(int at) {
        int i = at + 1;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (ch == '$') {
                return i + 1;
            }
            if (!(Character.isLetterOrDigit(ch) || ch == '_') || (i == at + 1 && Character.isDigit(ch))) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private int dollarStringEnd() {
        int tagEnd = dollarTagEnd(pos);
        String tag = text.substring(pos, tagEnd);
        int close = text.indexOf(tag, tagEnd);
        return close < 0 ? text.length() : close + tag.length();
    }

    private void emit(TokenType type, int end) {
        if (keepWhitespace || type != TokenType.WHITESPACE) {
            tokens.add(new Token(type, text.substring(pos, end), pos, end, line, column));
        }
        for (int i = pos; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        pos = end;
    }
}
