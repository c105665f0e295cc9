package dev.bascule.live;

import dev.bascule.sql.Lexer;
import dev.bascule.sql.ScriptSyntaxError;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] [name] ON [ONLY] [schema.]table ...} statement
 * creates, read with the {@code dev.bascule.sql} lexer: names as PostgreSQL stores them (unquoted names folded to
 * lower case, quoted ones as written, both cut to 63 bytes).
 *
 * <p>PostgreSQL's grammar takes an unqualified index name only: the index always lands in its table's schema.
 *
 * @param indexName   the index name, or null when the statement names none (PostgreSQL then generates one,
 *                    {@code table_column_idx} and so on) or names it in a way not decoded here ({@code U&"..."})
 * @param tableSchema the table's schema when written, else null (then the search path decides)
 * @param table       the table name, or null when not decoded
 */
public record IndexStatement(String indexName, String tableSchema, String table) {

    /** PostgreSQL keeps the first NAMEDATALEN - 1 bytes of an identifier. */
    private static final int MAX_IDENTIFIER_BYTES = 63;

    /** Reads {@code sql}; empty when it is not a {@code CREATE INDEX CONCURRENTLY} statement of the usual shape. */
    public static Optional<IndexStatement> parseConcurrentCreate(String sql) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize("statement", sql).stream().filter(t -> !t.isTrivia()).toList();
        } catch (ScriptSyntaxError unterminated) {
            return Optional.empty();
        }
        Cursor at = new Cursor(tokens);
        if (!at.take("CREATE")) {
            return Optional.empty();
        }
        at.take("UNIQUE");
        if (!at.take("INDEX") || !at.take("CONCURRENTLY")) {
            return Optional.empty();
        }
        if (at.is(0, "IF") && at.is(1, "NOT") && at.is(2, "EXISTS")) {
            at.skip(3);
        }
        String indexName = null;
        if (!at.is(0, "ON")) {
            Token name = at.next();
            if (name == null || !isIdentifier(name) || at.peekType(TokenType.DOT)) {
                return Optional.empty();
            }
            indexName = identifier(name);
        }
        if (!at.take("ON")) {
            return Optional.empty();
        }
        at.take("ONLY");
        Token first = at.next();
        if (first == null || !isIdentifier(first)) {
            return Optional.empty();
        }
        Token schema = null;
        Token table = first;
        while (at.peekType(TokenType.DOT)) { // [database.]schema.table: the last two parts count
            at.skip(1);
            Token part = at.next();
            if (part == null || !isIdentifier(part)) {
                return Optional.empty();
            }
            schema = table;
            table = part;
        }
        return Optional.of(new IndexStatement(indexName, schema == null ? null : identifier(schema), identifier(table)));
    }

    private static boolean isIdentifier(Token token) {
        return token.type() == TokenType.WORD || token.type() == TokenType.QUOTED_IDENTIFIER;
    }

    /** The stored form of an identifier token, or null for a {@code U&"..."} identifier. */
    private static String identifier(Token token) {
        String text = token.text();
        if (token.type() == TokenType.WORD) {
            return truncate(asciiLowerCase(text));
        }
        if (!text.startsWith("\"")) {
            return null;
        }
        return truncate(text.substring(1, text.length() - 1).replace("\"\"", "\""));
    }

    /** PostgreSQL folds only ASCII letters of unquoted names in UTF-8 databases. */
    private static String asciiLowerCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }

    private static String truncate(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_IDENTIFIER_BYTES) {
            return name;
        }
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_IDENTIFIER_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return name.substring(0, end);
    }

    /** Whether {@code index} is one this statement could have left: same name and table where those are known. */
    boolean couldHaveCreated(InvalidIndex index) {
        return (indexName == null || indexName.equals(index.name()))
                && (table == null || table.equals(index.table()))
                && (tableSchema == null || tableSchema.equals(index.schema()));
    }

    /** Walks the meaningful tokens of one statement. */
    private static final class Cursor {
        private final List<Token> tokens;
        private int position;

        Cursor(List<Token> tokens) {
            this.tokens = tokens;
        }

        boolean is(int ahead, String keyword) {
            int i = position + ahead;
            return i < tokens.size() && tokens.get(i).is(keyword);
        }

        boolean take(String keyword) {
            if (is(0, keyword)) {
                position++;
                return true;
            }
            return false;
        }

        boolean peekType(TokenType type) {
            return position < tokens.size() && tokens.get(position).type() == type;
        }

        Token next() {
            return position < tokens.size() ? tokens.get(position++) : null;
        }

        void skip(int count) {
            position += count;
        }
    }
}
