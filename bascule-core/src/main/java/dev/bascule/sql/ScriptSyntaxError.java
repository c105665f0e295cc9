package dev.bascule.sql;

/**
 * A script that cannot be split: an unterminated quote, dollar quote, comment or COPY block, an unknown
 * psql meta-command or {@code bascule:} directive, an include cycle. Names the file, line and column of the
 * offending (opening) token. It is the only exception the lexer and splitter throw.
 */
public class ScriptSyntaxError extends RuntimeException {

    private final String sourceName;
    private final int line;
    private final int column;
    private final String detail;

    public ScriptSyntaxError(String sourceName, int line, int column, String detail) {
        super(sourceName + ":" + line + ":" + column + ": " + detail);
        this.sourceName = sourceName;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public String sourceName() {
        return sourceName;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the location prefix. */
    public String detail() {
        return detail;
    }
}
