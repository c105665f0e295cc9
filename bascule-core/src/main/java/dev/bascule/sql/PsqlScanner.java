package dev.bascule.sql;

/**
 * A pull scanner that reproduces psql's lexer (psqlscan.l, PostgreSQL 15): token boundaries, which {@code ;}
 * ends a statement (outside parentheses and outside a {@code CREATE FUNCTION/PROCEDURE ... BEGIN ATOMIC ... END}
 * body, using psql's own keyword heuristic), and the inline data block after {@code COPY ... FROM STDIN;}.
 *
 * <p>It allocates nothing per token: callers read {@link #type()}, {@link #start()}, {@link #end()} and the
 * statement's top-level {@link #words()} right after {@link #next()}. That keeps the splitter fast on
 * multi-megabyte data scripts. Not thread-safe; one instance per text.
 */
final class PsqlScanner {

    private enum CopyState { NONE, REST_OF_LINE, DATA }

    private final String sourceName;
    private final String text;
    private final int length;
    private int pos;
    private int line = 1;
    private int lineStart;

    private TokenType type;
    private int start;
    private int end;
    private int tokenLine;
    private int tokenColumn;
    private boolean endsStatement;
    private int copyDataEnd;

    private final PsqlStatementState statement;
    private boolean resetPending;
    private CopyState copyState = CopyState.NONE;
    private int copyLine;
    private int copyColumn;

    PsqlScanner(String sourceName, String text) {
        this.sourceName = sourceName;
        this.text = text;
        this.length = text.length();
        this.statement = new PsqlStatementState(text);
    }

    TokenType type() {
        return type;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    int line() {
        return tokenLine;
    }

    int column() {
        return tokenColumn;
    }

    /** True when the current token is a {@code ;} that psql would send the statement at. */
    boolean endsStatement() {
        return endsStatement;
    }

    /** For a {@link TokenType#COPY_DATA} token: where the data ends and the {@code \.} line begins. */
    int copyDataEnd() {
        return copyDataEnd;
    }

    /** Top-level words of the current statement; valid until the token after its terminating {@code ;}. */
    TopLevelWords words() {
        return statement.words();
    }

    /** Number of non-trivia tokens in the current statement so far. */
    int significantTokens() {
        return statement.significantTokens();
    }

    int statementLine() {
        return statement.line();
    }

    int statementColumn() {
        return statement.column();
    }

    /** The top-level words of the first statement of {@code sql} (for re-examining one statement's text). */
    static TopLevelWords topLevelWordsOf(String sourceName, String sql) {
        PsqlScanner scanner = new PsqlScanner(sourceName, sql);
        while (scanner.next()) {
            if (scanner.endsStatement()) {
                break;
            }
        }
        return scanner.words();
    }

    /** Advances to the next token; false at the end of the text. */
    boolean next() {
        if (resetPending) {
            resetPending = false;
            statement.reset();
        }
        endsStatement = false;
        if (pos >= length) {
            if (copyState == CopyState.DATA) {
                throw unterminatedCopy();
            }
            return false;
        }
        start = pos;
        tokenLine = line;
        tokenColumn = pos - lineStart + 1;
        if (copyState == CopyState.REST_OF_LINE) {
            scanRestOfCopyLine();
        } else if (copyState == CopyState.DATA) {
            scanCopyData();
        } else {
            scanToken(text.charAt(pos));
            if (type != TokenType.WHITESPACE && type != TokenType.LINE_COMMENT && type != TokenType.BLOCK_COMMENT
                    && type != TokenType.META_COMMAND) {
                track();
            }
        }
        end = pos;
        return true;
    }

    /** Feeds a significant token to psql's statement state; at a terminating ";" of COPY FROM STDIN, expect data. */
    private void track() {
        endsStatement = statement.accept(type, start, pos, tokenLine, tokenColumn);
        if (endsStatement) {
            resetPending = true;
            if (StatementClassifier.isCopyFromStdin(statement.words())) {
                copyState = CopyState.REST_OF_LINE;
                copyLine = statement.line();
                copyColumn = statement.column();
            }
        }
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
            case '\'' -> scanString(pos + 1, false);
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

    private char peek(int offset) {
        int at = pos + offset;
        return at < length ? text.charAt(at) : '\0';
    }

    private void newline(int at) {
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
     * A quoted string whose body starts at {@code p}; backslash escapes only for E'...' strings. psql joins
     * strings separated by white space that contains a line break ('a'\n'b' is one literal, still an E string).
     */
    private void scanString(int p, boolean backslashEscapes) {
        while (true) {
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
                    p++;
                    break;
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
            int continuation = stringContinuation(p);
            if (continuation < 0) {
                pos = p;
                type = TokenType.STRING;
                return;
            }
            for (int i = p; i < continuation; i++) {
                if (text.charAt(i) == '\n') {
                    newline(i);
                }
            }
            p = continuation + 1;
        }
    }

    /**
     * Position of the quote that continues a string ending at {@code p}: horizontal space or -- comments, a
     * line break, then any white space or -- comment lines, then a quote. -1 when the string does not continue.
     */
    private int stringContinuation(int p) {
        boolean sawNewline = false;
        while (p < length) {
            char c = text.charAt(p);
            if (c == '\n' || c == '\r') {
                sawNewline = true;
                p++;
            } else if (c == ' ' || c == '\t' || c == '\f' || (c == '\u000B' && sawNewline)) {
                p++;
            } else if (c == '-' && p + 1 < length && text.charAt(p + 1) == '-') {
                int newline = text.indexOf('\n', p);
                if (newline < 0) {
                    return -1;
                }
                p = newline;
            } else {
                return c == '\'' && sawNewline ? p : -1;
            }
        }
        return -1;
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

    /** After {@code COPY ... FROM STDIN;}: only white space or a -- comment may follow on that line. */
    private void scanRestOfCopyLine() {
        char c = text.charAt(pos);
        if (c == '-' && peek(1) == '-') {
            int newline = text.indexOf('\n', pos);
            pos = newline < 0 ? length : newline;
            type = TokenType.LINE_COMMENT;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\n') {
            int p = pos;
            while (p < length && (c == ' ' || c == '\t' || c == '\r' || c == '\f')) {
                c = ++p < length ? text.charAt(p) : '\0';
            }
            if (p < length && c == '\n') {
                newline(p);
                p++;
                copyState = CopyState.DATA;
            }
            pos = p;
            type = TokenType.WHITESPACE;
        } else {
            throw new ScriptSyntaxError(sourceName, tokenLine, tokenColumn, "text after COPY ... FROM STDIN; on the"
                    + " same line; psql reads the data from the next line on, so move this text after the \\. line");
        }
        if (pos >= length && copyState == CopyState.REST_OF_LINE) {
            copyState = CopyState.NONE; // a lone COPY statement (e.g. re-lexed by the linter) has no data
        }
    }

    /** The data lines after COPY ... FROM STDIN up to and including the line that is exactly {@code \.}. */
    private void scanCopyData() {
        int p = pos;
        while (p < length) {
            int newline = text.indexOf('\n', p);
            int lineEnd = newline < 0 ? length : newline;
            boolean terminator = lineEnd - p >= 2 && text.charAt(p) == '\\' && text.charAt(p + 1) == '.'
                    && (lineEnd - p == 2 || (lineEnd - p == 3 && text.charAt(p + 2) == '\r'));
            if (newline >= 0) {
                newline(newline);
            }
            if (terminator) {
                copyDataEnd = p;
                pos = newline < 0 ? length : newline + 1;
                type = TokenType.COPY_DATA;
                copyState = CopyState.NONE;
                return;
            }
            p = newline < 0 ? length : newline + 1;
        }
        throw unterminatedCopy();
    }

    private ScriptSyntaxError unterminatedCopy() {
        return new ScriptSyntaxError(sourceName, copyLine, copyColumn, "COPY ... FROM STDIN data is not terminated:"
                + " end the data with a line containing only \\.");
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
