package dev.bascule.sql;

/** Drops comments and collapses white space, for comparing statement texts from two sources. */
final class SqlNormalizer {

    private SqlNormalizer() {
    }

    /** A query the server ignores: nothing, or only a ";" once comments and white space are gone. */
    static boolean isEmptyQuery(String normalized) {
        return normalized.isEmpty() || normalized.equals(";");
    }

    static String normalize(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        try {
            boolean space = false;
            for (Token token : Lexer.tokenize("normalize", sql)) {
                if (token.isTrivia()) {
                    space = true;
                    continue;
                }
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(token.text());
            }
            return out.toString();
        } catch (ScriptSyntaxError e) {
            return "(not lexable) " + sql.strip().replaceAll("\\s+", " ");
        }
    }
}
