package dev.bascule.generate;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Values and names written into generated SQL: string literals and identifiers, quoted where PostgreSQL needs it. */
final class SqlLiterals {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    /**
     * PostgreSQL's keywords that cannot be a column name without quotes (reserved, and those allowed only as
     * function or type names).
     */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "authorization", "binary", "both", "case", "cast", "check", "collate", "collation", "column",
            "concurrently", "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
            "current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc",
            "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full",
            "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join",
            "lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull",
            "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references",
            "returning", "right", "select", "session_user", "similar", "some", "symmetric", "system_user", "table",
            "tablesample", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose",
            "when", "where", "window", "with");

    private SqlLiterals() {
    }

    /** {@code 'it''s'}: a standard string literal (standard_conforming_strings: backslashes stay as they are). */
    static String string(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A name as written, bare when PostgreSQL reads it back unchanged, else double-quoted. */
    static String identifier(String name) {
        return PLAIN.matcher(name).matches() && !RESERVED.contains(name) ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** {@code schema.table} or {@code table}, each part as {@link #identifier}. */
    static String qualifiedName(String name) {
        List<String> parts = Arrays.asList(name.split("\\.", -1));
        return String.join(".", parts.stream().map(SqlLiterals::identifier).toList());
    }
}
