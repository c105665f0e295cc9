package dev.bascule.sql;

import dev.bascule.error.SourceSyntaxError;

/**
 * A script that cannot be split: an unterminated quote, dollar quote, comment or COPY block, an unknown
 * psql meta-command or {@code bascule:} directive, an include cycle. Names the file, line and column of the
 * offending (opening) token. It is the only exception the lexer and splitter throw.
 */
public class ScriptSyntaxError extends SourceSyntaxError {

    public ScriptSyntaxError(String sourceName, int line, int column, String detail) {
        super(sourceName, line, column, detail);
    }
}
