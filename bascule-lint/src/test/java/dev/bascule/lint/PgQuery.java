package dev.bascule.lint;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's own parser (libpg_query, Debian package {@code libpg-query-dev}, PostgreSQL 15 grammar) through
 * JNA, used only as a test oracle for the lint parser. Absent library: {@link #load()} is empty.
 */
final class PgQuery {

    /** {@code PgQueryParseResult} of pg_query.h: JSON parse tree, captured stderr, error (null when none). */
    @Structure.FieldOrder({"parseTree", "stderrBuffer", "error"})
    public static class ParseResult extends Structure implements Structure.ByValue {
        public String parseTree;
        public Pointer stderrBuffer;
        public Pointer error;
    }

    interface Native15 extends Library {
        ParseResult pg_query_parse(String input);

        void pg_query_free_parse_result(ParseResult result);
    }

    private final Native15 library;

    private PgQuery(Native15 library) {
        this.library = library;
    }

    static Optional<PgQuery> load() {
        for (String name : List.of("pg_query", "/usr/lib/x86_64-linux-gnu/libpg_query.so")) {
            try {
                return Optional.of(new PgQuery(Native.load(name, Native15.class)));
            } catch (UnsatisfiedLinkError e) {
                // try the next name; none found means the oracle test is skipped
            }
        }
        return Optional.empty();
    }

    /** The JSON parse tree, or empty when PostgreSQL's grammar rejects the text. */
    Optional<String> parse(String sql) {
        ParseResult result = library.pg_query_parse(sql);
        try {
            return result.error == null ? Optional.ofNullable(result.parseTree) : Optional.empty();
        } finally {
            library.pg_query_free_parse_result(result);
        }
    }
}
