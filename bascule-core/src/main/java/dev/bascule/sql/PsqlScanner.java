package dev.bascule.sql;

/**
 * A pull scanner that reproduces psql's lexer (psqlscan.l, PostgreSQL 15): token boundaries (from
 * {@link PsqlTokenRules}), which {@code ;} ends a statement (outside parentheses and outside a
 * {@code CREATE FUNCTION/PROCEDURE ... BEGIN ATOMIC ... END} body, by psql's own keyword heuristic), and the
 * inline data block after {@code COPY ... FROM STDIN;}.
 *
 * <p>It allocates nothing per token: callers read {@link #type()}, {@link #start()}, {@link #end()} and the
 * statement's top-level {@link #words()} right after {@link #next()}. That keeps the splitter fast on
 * multi-megabyte data scripts. Not thread-safe; one instance per text.
 */
final class PsqlScanner {

    private enum CopyState { NONE, REST_OF_LINE, DATA }

    private final PsqlTokenRules rules;
    private final PsqlStatementState statement;
    private int start;
    private int end;
    private boolean endsStatement;
    private boolean resetPending;
    private CopyState copyState = CopyState.NONE;
    private int copyDataEnd;
    private int copyLine;
    private int copyColumn;

    PsqlScanner(String sourceName, String text) {
        this.rules = new PsqlTokenRules(sourceName, text);
        this.statement = new PsqlStatementState(text);
    }

    TokenType type() {
        return rules.type;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    int line() {
        return rules.tokenLine;
    }

    int column() {
        return rules.tokenColumn;
    }

    /** True when the current token is a {@code ;} at which psql would send the statement. */
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
        if (rules.pos >= rules.length) {
            if (copyState == CopyState.DATA) {
                throw unterminatedCopy();
            }
            return false;
        }
        start = rules.pos;
        rules.begin();
        if (copyState == CopyState.REST_OF_LINE) {
            scanRestOfCopyLine();
        } else if (copyState == CopyState.DATA) {
            scanCopyData();
        } else {
            rules.scan();
            TokenType type = rules.type;
            if (type != TokenType.WHITESPACE && type != TokenType.LINE_COMMENT && type != TokenType.BLOCK_COMMENT
                    && type != TokenType.META_COMMAND) {
                track(type);
            }
        }
        end = rules.pos;
        return true;
    }

    /** Feeds a significant token to psql's statement state; at a terminating ";" of COPY FROM STDIN, expect data. */
    private void track(TokenType type) {
        endsStatement = statement.accept(type, start, rules.pos, rules.tokenLine, rules.tokenColumn);
        if (endsStatement) {
            resetPending = true;
            TopLevelWords words = statement.words();
            if (words.is(0, "set") || words.is(0, "reset")) {
                Boolean standard = StandardStrings.settingAfter(words, rules.text, statement.startOffset(), rules.pos);
                if (standard != null) {
                    rules.standardStrings = standard;
                }
            }
            if (StatementClassifier.isCopyFromStdin(words)) {
                copyState = CopyState.REST_OF_LINE;
                copyLine = statement.line();
                copyColumn = statement.column();
            }
        }
    }

    /**
     * After {@code COPY ... FROM STDIN;} only white space or a -- comment may follow on that line: psql reads
     * the data from the next line and would run anything else on the COPY's line only after the data.
     */
    private void scanRestOfCopyLine() {
        String text = rules.text;
        int length = rules.length;
        int p = rules.pos;
        char c = text.charAt(p);
        if (c == '-' && rules.peek(1) == '-') {
            int newline = text.indexOf('\n', p);
            rules.pos = newline < 0 ? length : newline;
            rules.type = TokenType.LINE_COMMENT;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\n') {
            while (p < length && (c == ' ' || c == '\t' || c == '\r' || c == '\f')) {
                c = ++p < length ? text.charAt(p) : '\0';
            }
            if (p < length && c == '\n') {
                rules.newline(p);
                p++;
                copyState = CopyState.DATA;
            }
            rules.pos = p;
            rules.type = TokenType.WHITESPACE;
        } else {
            throw new ScriptSyntaxError(rules.sourceName, rules.tokenLine, rules.tokenColumn, "text after COPY ..."
                    + " FROM STDIN; on the same line; psql reads the data from the next line on, so move this text"
                    + " after the \\. line");
        }
        if (rules.pos >= length && copyState == CopyState.REST_OF_LINE) {
            copyState = CopyState.NONE; // a lone COPY statement (e.g. re-lexed by the linter) has no data
        }
    }

    /** The data lines after COPY ... FROM STDIN up to and including the line that is exactly {@code \.}. */
    private void scanCopyData() {
        String text = rules.text;
        int length = rules.length;
        int p = rules.pos;
        while (p < length) {
            int newline = text.indexOf('\n', p);
            int lineEnd = newline < 0 ? length : newline;
            boolean terminator = lineEnd - p >= 2 && text.charAt(p) == '\\' && text.charAt(p + 1) == '.'
                    && (lineEnd - p == 2 || (lineEnd - p == 3 && text.charAt(p + 2) == '\r'));
            if (newline >= 0) {
                rules.newline(newline);
            }
            if (terminator) {
                copyDataEnd = p;
                rules.pos = newline < 0 ? length : newline + 1;
                rules.type = TokenType.COPY_DATA;
                copyState = CopyState.NONE;
                return;
            }
            p = newline < 0 ? length : newline + 1;
        }
        throw unterminatedCopy();
    }

    private ScriptSyntaxError unterminatedCopy() {
        return new ScriptSyntaxError(rules.sourceName, copyLine, copyColumn, "COPY ... FROM STDIN data is not"
                + " terminated: end the data with a line containing only \\.");
    }
}
