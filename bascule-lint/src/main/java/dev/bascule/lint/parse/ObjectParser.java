package dev.bascule.lint.parse;

import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ALTER (of anything but a table's sub-commands), DROP and COMMENT ON: the statements about database objects
 * other than rows, read for the rules that care which object they touch.
 */
final class ObjectParser {

    /** DROP kinds of two words whose first word alone is not a kind. */
    private static final Set<String> TWO_WORD_KINDS = Set.of("materialized", "foreign", "event", "access", "text",
            "user", "operator", "owned");
    /** Words naming the kind of object in {@code ALTER <kind> name ... SET SCHEMA}. */
    private static final Set<String> OBJECT_KIND_WORDS = Set.of("type", "view", "materialized", "sequence",
            "function", "procedure", "routine", "domain", "extension", "foreign", "table", "aggregate", "collation",
            "conversion", "operator", "class", "family", "statistics", "text", "search", "parser", "dictionary",
            "template", "configuration");

    private final TokenCursor c;

    ObjectParser(TokenCursor cursor) {
        this.c = cursor;
    }

    Ddl alter(Token at) {
        c.next();
        if (c.accept("table")) {
            if (c.is("all")) {
                return new Ddl.Opaque(at, c.leadingWords(4), true);
            }
            return new TableParser(c).alterTable();
        }
        if (c.accept("type")) {
            QName type = c.qname();
            if (c.accept("add", "value")) {
                boolean ifNotExists = c.accept("if", "not", "exists");
                String value = c.next().text();
                boolean ordered = c.is("before") || c.is("after");
                return new Ddl.AlterTypeAddValue(at, type, value, ordered, ifNotExists);
            }
            if (c.accept("rename", "value")) {
                String from = c.next().text();
                c.expect("to");
                return new Ddl.RenameEnumValue(at, type, from, c.next().text());
            }
        }
        c.reset(1);
        if (c.accept("schema")) {
            String from = c.identifier();
            if (c.accept("rename", "to")) {
                return new Ddl.RenameSchema(at, from, c.identifier());
            }
        }
        Ddl moved = setSchema(at);
        if (moved != null) {
            return moved;
        }
        c.reset(0);
        return new Ddl.Opaque(at, c.leadingWords(3), true);
    }

    Ddl drop(Token at) {
        c.next();
        if (c.accept("index")) {
            boolean concurrently = c.accept("concurrently");
            boolean ifExists = c.accept("if", "exists");
            return new Ddl.DropIndex(at, c.qnames(), concurrently, ifExists);
        }
        if (c.accept("table")) {
            boolean ifExists = c.accept("if", "exists");
            List<QName> tables = c.qnames();
            return new Ddl.DropTable(at, tables, ifExists, c.accept("cascade"));
        }
        if (c.accept("database")) {
            c.accept("if", "exists");
            return new Ddl.DropDatabase(at, c.identifier());
        }
        return dropOther(at);
    }

    /** DROP of anything but tables, indexes and databases: kind, names, {@code ON table}, CASCADE. */
    private Ddl dropOther(Token at) {
        StringBuilder kind = new StringBuilder(c.next().text().toUpperCase(Locale.ROOT));
        if (TWO_WORD_KINDS.contains(kind.toString().toLowerCase(Locale.ROOT)) && c.isType(TokenType.WORD)
                && !c.is("if")) {
            kind.append(' ').append(c.next().text().toUpperCase(Locale.ROOT));
        }
        boolean ifExists = c.accept("if", "exists");
        boolean cascade = c.hasTopLevelWord("cascade");
        List<QName> names = new ArrayList<>();
        QName on = null;
        int save = c.position();
        try {
            do {
                names.add(c.qname());
                if (c.isType(TokenType.LEFT_PAREN)) {
                    c.skipParens(); // a function's argument types
                }
            } while (c.acceptType(TokenType.COMMA));
            if (c.accept("on")) {
                on = c.qname();
            }
        } catch (TokenCursor.ParseFailure e) {
            c.reset(save); // DROP OWNED BY, DROP CAST (...), ...: the kind and CASCADE are what rules need
        }
        return new Ddl.DropOther(at, kind.toString(), ifExists, List.copyOf(names), on, cascade);
    }

    /** {@code ALTER <kind> name ... SET SCHEMA s} as the statement's last words, or {@code null}. */
    private Ddl setSchema(Token at) {
        c.reset(1);
        int from = c.position();
        int end = from;
        while (!c.atEnd()) {
            c.next();
            end = c.position();
        }
        c.reset(from);
        if (end - from < 4 || !c.peek(end - from - 3).is("set") || !c.peek(end - from - 2).is("schema")) {
            return null;
        }
        StringBuilder kind = new StringBuilder();
        while (c.position() < end - 3 && c.isType(TokenType.WORD) && OBJECT_KIND_WORDS.contains(
                c.peek().text().toLowerCase(Locale.ROOT))) {
            kind.append(kind.length() == 0 ? "" : " ").append(c.next().text().toUpperCase(Locale.ROOT));
        }
        c.accept("if", "exists");
        QName object = c.qname();
        c.reset(end - 1);
        return new Ddl.SetSchema(at, kind.toString(), object, c.identifier());
    }

    Ddl comment(Token at) {
        c.next();
        c.expect("on");
        if (c.accept("table")) {
            return new Ddl.Comment(at, "TABLE", c.qname(), null);
        }
        if (c.accept("column")) {
            List<String> parts = new ArrayList<>();
            parts.add(c.identifier());
            while (c.acceptType(TokenType.DOT)) {
                parts.add(c.identifier());
            }
            if (parts.size() < 2) {
                throw c.failure("expected table.column");
            }
            int n = parts.size();
            return new Ddl.Comment(at, "COLUMN", QName.of(n >= 3 ? parts.get(n - 3) : null, parts.get(n - 2)),
                    parts.get(n - 1));
        }
        return new Ddl.Comment(at, c.next().text().toUpperCase(Locale.ROOT), null, null);
    }
}
