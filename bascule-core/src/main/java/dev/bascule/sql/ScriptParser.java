package dev.bascule.sql;

/**
 * Splits a PostgreSQL script into top-level statements exactly where psql would send them, classifies each,
 * attaches {@code COPY ... FROM STDIN} data, expands {@code \i}/{@code \ir} includes and reads
 * {@code -- bascule:} directives. The only exception it throws is {@link ScriptSyntaxError}.
 */
public final class ScriptParser {

    private ScriptParser() {
    }

    /** Parses a script that may not include other files ({@code \i} is an error here). */
    public static Script parse(String sourceName, String text) {
        return parse(sourceName, text, null);
    }

    /**
     * Parses a script, expanding {@code \i} and {@code \ir} through {@code resolver}.
     *
     * @param resolver finds included files; {@code null} makes every include an error
     */
    public static Script parse(String sourceName, String text, IncludeResolver resolver) {
        ScriptSplitter splitter = new ScriptSplitter(resolver);
        splitter.split(sourceName, text);
        return new Script(sourceName, splitter.statements(), new Directives(splitter.directives()));
    }
}
