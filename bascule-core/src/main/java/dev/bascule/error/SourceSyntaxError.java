package dev.bascule.error;

/**
 * Text that cannot be read as what it claims to be (a SQL script, a fizz file), located at the file, line and
 * column of the offending token. The message is {@code FILE:LINE:COLUMN: detail}.
 */
public abstract class SourceSyntaxError extends RuntimeException {

    private final String sourceName;
    private final int line;
    private final int column;
    private final String detail;

    protected SourceSyntaxError(String sourceName, int line, int column, String detail) {
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
