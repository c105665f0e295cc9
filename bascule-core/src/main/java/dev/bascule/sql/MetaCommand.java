package dev.bascule.sql;

/**
 * A psql include meta-command: {@code \i PATH}, {@code \include PATH}, {@code \ir PATH} or
 * {@code \include_relative PATH}; PATH bare or in single quotes ({@code ''} for a quote). Any other
 * meta-command is rejected by {@link #parse}: bascule runs SQL, not psql sessions.
 */
record MetaCommand(String sourceName, int line, int column, String path, boolean relativeToIncludingFile) {

    static MetaCommand parse(String sourceName, String text, int line, int column) {
        int p = 1;
        while (p < text.length() && !Character.isWhitespace(text.charAt(p)) && text.charAt(p) != '\\') {
            p++;
        }
        String name = text.substring(1, p);
        boolean relative;
        if (name.equals("i") || name.equals("include")) {
            relative = false;
        } else if (name.equals("ir") || name.equals("include_relative")) {
            relative = true;
        } else {
            throw new ScriptSyntaxError(sourceName, line, column, "psql meta-command \\" + name + " is not supported"
                    + " (only \\i, \\include, \\ir and \\include_relative are); rewrite it as SQL or remove it");
        }
        p = skipSpaces(text, p);
        StringBuilder path = new StringBuilder();
        if (p < text.length() && text.charAt(p) == '\'') {
            p++;
            while (true) {
                if (p >= text.length()) {
                    throw new ScriptSyntaxError(sourceName, line, column, "unterminated quoted file name in \\" + name
                            + "; close it with '");
                }
                char c = text.charAt(p++);
                if (c == '\'') {
                    if (p < text.length() && text.charAt(p) == '\'') {
                        path.append('\'');
                        p++;
                        continue;
                    }
                    break;
                }
                path.append(c);
            }
        } else {
            while (p < text.length() && !Character.isWhitespace(text.charAt(p))) {
                path.append(text.charAt(p++));
            }
        }
        if (path.length() == 0) {
            throw new ScriptSyntaxError(sourceName, line, column, "\\" + name + " needs a file name, e.g. \\" + name
                    + " other.sql");
        }
        if (skipSpaces(text, p) < text.length()) {
            throw new ScriptSyntaxError(sourceName, line, column, "unexpected text after \\" + name + " " + path
                    + "; put one include per line (quote file names that contain spaces)");
        }
        return new MetaCommand(sourceName, line, column, path.toString(), relative);
    }

    private static int skipSpaces(String text, int p) {
        while (p < text.length() && Character.isWhitespace(text.charAt(p))) {
            p++;
        }
        return p;
    }

    ScriptSyntaxError error(String detail) {
        return new ScriptSyntaxError(sourceName, line, column, detail);
    }
}
