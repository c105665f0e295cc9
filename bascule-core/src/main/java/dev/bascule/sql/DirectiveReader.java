package dev.bascule.sql;

import java.util.List;

/** Recognises {@code -- bascule:NAME [argument]} comment lines and checks them against {@link DirectiveKind}. */
final class DirectiveReader {

    static final String PREFIX = "bascule:";

    private DirectiveReader() {
    }

    /**
     * Reads the line comment the scanner is on; header directives found in the header go to {@code into}, and
     * statement directives written between statements go to {@code nextStatement} (the splitter attaches them to
     * the statement that follows).
     *
     * @param inStatement true when the comment sits inside an unfinished statement
     */
    static void read(String sourceName, String text, PsqlScanner scanner, boolean inHeader, boolean inStatement,
                     List<Directive> into, List<Directive> nextStatement) {
        int p = scanner.start() + 2;
        int end = scanner.end();
        while (p < end && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p++;
        }
        if (!text.startsWith(PREFIX, p)) {
            return;
        }
        int nameStart = p + PREFIX.length();
        int nameEnd = nameStart;
        while (nameEnd < end && !Character.isWhitespace(text.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = text.substring(nameStart, nameEnd);
        String argument = text.substring(nameEnd, end).strip();
        int line = scanner.line();
        int column = scanner.column();
        DirectiveKind kind = DirectiveKind.byName(name).orElseThrow(() -> new ScriptSyntaxError(sourceName, line,
                column, "unknown directive bascule:" + name + "; known directives: " + DirectiveKind.knownNames()));
        if (kind.argument() == DirectiveKind.Argument.NONE && !argument.isEmpty()) {
            throw new ScriptSyntaxError(sourceName, line, column, "directive bascule:" + name + " takes no argument;"
                    + " remove '" + argument + "'");
        }
        if (kind.argument() == DirectiveKind.Argument.REQUIRED && argument.isEmpty()) {
            throw new ScriptSyntaxError(sourceName, line, column, "directive bascule:" + name + " needs an argument");
        }
        if (kind.placement() == DirectiveKind.Placement.HEADER) {
            if (!inHeader) {
                throw new ScriptSyntaxError(sourceName, line, column, "directive bascule:" + name + " must be in the"
                        + " leading comment block, before the first statement; move it to the top of the file");
            }
            into.add(new Directive(kind, argument, sourceName, line));
        } else if (kind.placement() == DirectiveKind.Placement.STATEMENT) {
            if (inStatement) {
                throw new ScriptSyntaxError(sourceName, line, column, "directive bascule:" + name + " is inside a"
                        + " statement; put it on a line of its own just before the statement it applies to");
            }
            if (nextStatement.stream().anyMatch(d -> d.kind() == kind)) {
                throw new ScriptSyntaxError(sourceName, line, column, "directive bascule:" + name + " is written twice"
                        + " before one statement; keep one");
            }
            nextStatement.add(new Directive(kind, argument, sourceName, line));
        }
    }
}
