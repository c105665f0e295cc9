package dev.bascule.fizz;

import dev.bascule.error.SourceSyntaxError;

/**
 * A fizz migration that Bascule cannot translate: a syntax error (unterminated string, unbalanced bracket),
 * an operation outside the supported set, or an argument of the wrong shape. Names the file, line and column
 * of the offending token and says what to do. It is the only exception {@link FizzTranslator} throws.
 */
public class FizzSyntaxError extends SourceSyntaxError {

    public FizzSyntaxError(String sourceName, int line, int column, String detail) {
        super(sourceName, line, column, detail);
    }
}
