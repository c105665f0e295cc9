package dev.bascule.sql;

/**
 * The token rules of psql's lexer (psqlscan.l, PostgreSQL 15, standard_conforming_strings on): what one token
 * is, starting at {@link #pos}. It owns the position, line and column bookkeeping; {@link PsqlScanner} adds
 * psql's statement-level state and COPY data on top. Not thread-safe.
 */
final class PsqlTokenRules {

    final String sourceName;
    final String text;
    final int length;
    int pos;
    int line = 1;
    int lineStart;
    TokenType type;
    /** psql's std_strings: while on (the default), backslash is an ordinary character in '...' strings. */
    boolean standardStrings = true;
    int tokenLine;
    int tokenColumn;

    PsqlTokenRules(String sourceName, String text) {
        this.sourceName = sourceName;
        this.text = text;
        this.length = text.length();
    }

    /** Marks the start of a token at {@link #pos}. */
    void begin() {
        tokenLine = line;
        tokenColumn = pos - lineStart + 1;
    }

    /** Scans one SQL token at {@link #pos} (which must be before the end), setting {@link #type}. */
    void scan() {
        char c = text.charAt(pos);
        if (c == '\uFEFF' && pos == 0) {
            single(TokenType.WHITESPACE); // psql drops a UTF-8 byte order mark at the start of a file
            return;
        }
        scanToken(c);
    }

    private void scanToken(char c) {
        switch (c) {
            case ' ', '\t', '\n', '\r', '\f', '\u000B' -> scanWhitespace();
            case '-' -> {
                if (peek(1) == '-') {
                    int newline = text.indexOf('\n', pos);
                    pos = newline < 0 ? length : newline;
                    type = TokenType.LINE_COMMENT;
                } else {
                    scanOperator();
                }
            }
            case '/' -> {
                if (peek(1) == '*') {
                    scanBlockComment();
                } else {
                    scanOperator();
                }
            }
            case '\'' -> scanString(pos + 1, !standardStrings);
            case '"' -> scanQuotedIdentifier(pos + 1);
            case '$' -> scanDollar();
            case '(' -> single(TokenType.LEFT_PAREN);
            case ')' -> single(TokenType.RIGHT_PAREN);
            case '[' -> single(TokenType.LEFT_BRACKET);
            case ']' -> single(TokenType.RIGHT_BRACKET);
            case ',' -> single(TokenType.COMMA);
            case ';' -> single(TokenType.SEMICOLON);
            case ':' -> scanColon();
            case '.' -> {
                if (isDigit(peek(1))) {
                    scanNumber();
                } else {
                    single(TokenType.DOT);
                }
            }
            case '\\' -> {
                int newline = text.indexOf('\n', pos);
                pos = newline < 0 ? length : newline;
                type = TokenType.META_COMMAND;
            }
            case '+', '*', '<', '>', '=', '~', '!', '@', '#', '%', '^', '&', '|', '`', '?' -> scanOperator();
            default -> {
                if (isDigit(c)) {
                    scanNumber();
                } else if (isIdentifierStart(c)) {
                    scanWordOrPrefixedString(c);
                } else {
                    single(TokenType.OTHER);
                }
            }
        }
    }

    private void single(TokenType tokenType) {
        pos++;
        type = tokenType;
    }

    char peek(int offset) {
        int at = pos + offset;
        return at < length ? text.charAt(at) : '\0';
    }

    void newline(int at) {
        line++;
        lineStart = at + 1;
    }

    private void scanWhitespace() {
        int p = pos;
        while (p < length) {
            char c = text.charAt(p);
            if (c == '\n') {
                newline(p);
            } else if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\u000B') {
                break;
            }
            p++;
        }
        pos = p;
        type = TokenType.WHITESPACE;
    }

    private void scanBlockComment() {
        int depth = 0;
        int p = pos;
        while (p < length) {
            char c = text.charAt(p);
            if (c == '/' && p + 1 < length && text.charAt(p + 1) == '*') {
                depth++;
                p += 2;
            } else if (c == '*' && p + 1 < length && text.charAt(p + 1) == '/') {
                p += 2;
                if (--depth == 0) {
                    pos = p;
                    type = TokenType.BLOCK_COMMENT;
                    return;
                }
            } else {
                if (c == '\n') {
                    newline(p);
                }
                p++;
            }
        }
        throw unterminated("block comment /* ... */", "close it with */ (comments nest: every /* needs its own */)");
    }

    /**
     * A quoted string whose body starts at {@code p}; backslash escapes only in E'...' strings. The server joins
     * 'a' NEWLINE 'b' into one literal, but psql 15 lexes the second part as a new standard string (checked with
     * the real psql: E'a' NEWLINE '\' ends at the second quote), so each part is a token of its own here too.
     */
    private void scanString(int p, boolean backslashEscapes) {
        while (true) {
            if (p >= length) {
                throw unterminated("quoted string", "close it with ' (write '' for a quote inside the string)");
            }
            char c = text.charAt(p);
            if (c == '\'') {
                if (p + 1 < length && text.charAt(p + 1) == '\'') {
                    p += 2;
                    continue;
                }
                pos = p + 1;
                type = TokenType.STRING;
                return;
            }
            if (c == '\n') {
                newline(p);
            } else if (c == '\\' && backslashEscapes && p + 1 < length) {
                p++;
                if (text.charAt(p) == '\n') {
                    newline(p);
                }
            }
            p++;
        }
    }

    private void scanQuotedIdentifier(int p) {
        while (p < length) {
            char c = text.charAt(p);
            if (c == '"') {
                if (p + 1 < length && text.charAt(p + 1) == '"') {
                    p += 2;
                    continue;
                }
                pos = p + 1;
                type = TokenType.QUOTED_IDENTIFIER;
                return;
            }
            if (c == '\n') {
                newline(p);
            }
            p++;
        }
        throw unterminated("quoted identifier", "close it with \" (write \"\" for a double quote inside the name)");
    }

    private void scanDollar() {
        char next = peek(1);
        if (isDigit(next)) {
            int p = pos + 1;
            while (p < length && isDigit(text.charAt(p))) {
                p++;
            }
            pos = p;
            type = TokenType.PARAMETER;
            return;
        }
        int p = pos + 1;
        if (next != '$') {
            if (!isIdentifierStart(next)) {
                single(TokenType.OTHER);
                return;
            }
            p++;
            while (p < length && isDollarTagChar(text.charAt(p))) {
                p++;
            }
            if (p >= length || text.charAt(p) != '$') {
                single(TokenType.OTHER); // psql gives back all but the "$" of "$tag" without a closing "$"
                return;
            }
        }
        String delimiter = text.substring(pos, p + 1);
        int close = text.indexOf(delimiter, p + 1);
        if (close < 0) {
            throw unterminated("dollar-quoted string " + delimiter, "close it with " + delimiter);
        }
        int stop = close + delimiter.length();
        for (int i = p + 1; i < close; i++) {
            if (text.charAt(i) == '\n') {
                newline(i);
            }
        }
        pos = stop;
        type = TokenType.DOLLAR_STRING;
    }

    /** {@code ::}, {@code :}, and psql variables {@code :name}, {@code :'name'}, {@code :"name"}. */
    private void scanColon() {
        char next = peek(1);
        if (next == ':') {
            pos += 2;
            type = TokenType.CAST;
            return;
        }
        int p = pos + 1;
        if (next == '\'' || next == '"') {
            int q = p + 1;
            while (q < length && isVariableChar(text.charAt(q))) {
                q++;
            }
            if (q > p + 1 && q < length && text.charAt(q) == next) {
                p = q + 1;
            }
        } else {
            while (p < length && isVariableChar(text.charAt(p))) {
                p++;
            }
        }
        pos = p;
        type = TokenType.COLON;
    }

    private void scanNumber() {
        int p = pos;
        while (p < length && isDigit(text.charAt(p))) {
            p++;
        }
        if (p < length && text.charAt(p) == '.' && !(p + 1 < length && text.charAt(p + 1) == '.')) {
            p++;
            while (p < length && isDigit(text.charAt(p))) {
                p++;
            }
        }
        if (p < length && (text.charAt(p) == 'e' || text.charAt(p) == 'E')) {
            int q = p + 1;
            if (q < length && (text.charAt(q) == '+' || text.charAt(q) == '-')) {
                q++;
            }
            if (q < length && isDigit(text.charAt(q))) {
                p = q;
                while (p < length && isDigit(text.charAt(p))) {
                    p++;
                }
            }
        }
        pos = p;
        type = TokenType.NUMBER;
    }

    /** An operator run; it stops before "--" or "/*", which start comments even inside an operator. */
    private void scanOperator() {
        int p = pos + 1;
        while (p < length && isOperatorChar(text.charAt(p))) {
            char c = text.charAt(p);
            if (p + 1 < length && ((c == '-' && text.charAt(p + 1) == '-') || (c == '/' && text.charAt(p + 1) == '*'))) {
                break;
            }
            p++;
        }
        pos = p;
        type = TokenType.OPERATOR;
    }

    private void scanWordOrPrefixedString(char c) {
        char next = peek(1);
        if (next == '\'') {
            switch (c) {
                case 'E', 'e' -> {
                    scanString(pos + 2, true);
                    return;
                }
                case 'B', 'b', 'X', 'x', 'N', 'n' -> {
                    scanString(pos + 2, false);
                    return;
                }
                default -> {
                }
            }
        } else if ((c == 'U' || c == 'u') && next == '&') {
            char quote = peek(2);
            if (quote == '\'') {
                scanString(pos + 3, false);
                return;
            }
            if (quote == '"') {
                scanQuotedIdentifier(pos + 3);
                return;
            }
        }
        int p = pos + 1;
        while (p < length && isIdentifierPart(text.charAt(p))) {
            p++;
        }
        pos = p;
        type = TokenType.WORD;
    }

    private ScriptSyntaxError unterminated(String what, String fix) {
        return new ScriptSyntaxError(sourceName, tokenLine, tokenColumn, "unterminated " + what + " starting here; "
                + fix);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isDollarTagChar(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    private static boolean isVariableChar(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    private static boolean isOperatorChar(char c) {
        return switch (c) {
            case '+', '-', '*', '/', '<', '>', '=', '~', '!', '@', '#', '%', '^', '&', '|', '`', '?' -> true;
            default -> false;
        };
    }
}
