package dev.bascule.expand;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** Writing identifiers, literals and derived names into generated SQL. */
final class SqlText {

    /** PostgreSQL truncates longer identifiers silently (NAMEDATALEN - 1 bytes); generated names must fit. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    /**
     * Keywords that cannot be a column or table name without quotes: PostgreSQL's reserved keywords and those
     * reserved except as a type or function name (appendix "SQL Key Words", PostgreSQL 17).
     */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
            "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
            "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
            "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
            "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
            "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
            "when", "where", "window", "with", "authorization", "binary", "collation", "concurrently", "cross",
            "current_schema", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural",
            "notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose");

    private SqlText() {
    }

    /** An identifier as SQL text: bare when PostgreSQL would read it back unchanged, else double-quoted. */
    static String ident(String name) {
        if (isBare(name)) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static boolean isBare(String name) {
        if (name.isEmpty() || RESERVED.contains(name)) {
            return false;
        }
        char first = name.charAt(0);
        if (!(first >= 'a' && first <= 'z') && first != '_') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_' && c != '$') {
                return false;
            }
        }
        return true;
    }

    /** A string literal (standard_conforming_strings on, as in every supported PostgreSQL). */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * Reads one identifier the way PostgreSQL does: {@code "Quoted"} exactly, anything else folded to lower case.
     *
     * @return the name, or {@code null} when {@code text} is not one identifier
     */
    static String parseIdentifier(String text) {
        String t = text.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            String inner = t.substring(1, t.length() - 1);
            if (inner.isEmpty() || inner.replace("\"\"", "").contains("\"")) {
                return null;
            }
            return inner.replace("\"\"", "\"");
        }
        if (t.isEmpty() || !(Character.isLetter(t.charAt(0)) || t.charAt(0) == '_')) {
            return null;
        }
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                return null;
            }
        }
        return t.toLowerCase(Locale.ROOT);
    }

    static boolean fits(String identifier) {
        return identifier.getBytes(StandardCharsets.UTF_8).length <= MAX_IDENTIFIER_BYTES;
    }

    /** Lower-case words joined by single underscores, for file and change names ("bigint", "varchar_20"). */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "x" : s;
    }

    /** {@code text} as {@code -- } comment lines of at most {@code width} characters, each ending with a line break. */
    static String comment(String text, int width) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder("--");
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > 2 && line.length() + 1 + word.length() > width) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append("--");
            }
            line.append(' ').append(word);
        }
        return out.append(line).append('\n').toString();
    }
}
