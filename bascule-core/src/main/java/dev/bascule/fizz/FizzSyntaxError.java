package dev.bascule.fizz;

/**
 * A fizz migration that Bascule cannot translate: a syntax error (unterminated string, unbalanced bracket),
 * an operation outside the supported set, or an argument of the wrong shape. Names the file, line and column
 * of the offending token and says what to do. It is the only exception {@link FizzTranslator} throws.
 */
public class FizzSyntaxError extends RuntimeException {

    private final String sourceName;
    private final int line;
    private final int column;
    private final String detail;

    public FizzSyntaxError(String sourceName, int line, int column, String detail) {
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
