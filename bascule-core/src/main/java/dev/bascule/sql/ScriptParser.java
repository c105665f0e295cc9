package dev.bascule.sql;

/**
 * Splits a PostgreSQL script into top-level statements exactly where psql would send them, classifies each,
 * attaches {@code COPY ... FROM STDIN} data, expands {@code \i}/{@code \ir} includes and reads
 * {@code -- bascule:} directives. The only exception it throws is {@link ScriptSyntaxError}.
 */
public final class ScriptParser {

    private ScriptParser() {
    }

    /**
     * The header directives of a script ({@code -- bascule:data}, {@code -- bascule:phase NAME N}, ...), read from its
     * leading comment block only: cheap enough for every file of a catalog. A malformed header directive is left to
     * the full parse, which reports it with file and line; here it reads as no directive.
     */
    /** False when {@code text} cannot hold a directive (each starts with {@code bascule:}); most files cannot. */
    public static boolean mayHaveDirectives(String text) {
        return text.contains(DirectiveReader.PREFIX);
    }

    public static Directives headerDirectives(String sourceName, String text) {
        if (!mayHaveDirectives(text)) {
            return Directives.none(); // the catalog asks for every file
        }
        java.util.List<Directive> found = new java.util.ArrayList<>();
        try {
            PsqlScanner scanner = new PsqlScanner(sourceName, text);
            while (scanner.next()) {
                TokenType type = scanner.type();
                if (type == TokenType.LINE_COMMENT) {
                    DirectiveReader.read(sourceName, text, scanner, true, false, found, new java.util.ArrayList<>());
                } else if (type != TokenType.WHITESPACE && type != TokenType.BLOCK_COMMENT) {
                    break;
                }
            }
        } catch (ScriptSyntaxError e) {
            return Directives.none();
        }
        return new Directives(found);
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
