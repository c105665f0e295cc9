package dev.bascule.inspect;

import dev.bascule.error.Problem;
import dev.bascule.sql.Lexer;
import dev.bascule.sql.Script;
import dev.bascule.sql.Statement;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule {@value #ID}: a down file that drops data its up did not create. Undoing a migration should remove what
 * the migration added; a down that drops a table or column that was there before the up destroys data no
 * re-run of the up brings back.
 *
 * <p>What counts, read statement by statement with the runner's own splitter:
 * <ul>
 *   <li>the down drops data with {@code DROP TABLE}, {@code ALTER TABLE ... DROP [COLUMN]}, {@code TRUNCATE},
 *       or {@code DROP SCHEMA ... CASCADE};</li>
 *   <li>the up <em>created</em> a table when one of its statements is {@code CREATE [UNLOGGED|TEMP] TABLE} of that
 *       name (with {@code AS}, {@code PARTITION OF}, {@code IF NOT EXISTS} alike), a column when the up creates its
 *       table or has {@code ALTER TABLE t ADD [COLUMN]} of it, a schema when it has {@code CREATE SCHEMA}. A rename
 *       does not create: the data under the new name was there before.</li>
 * </ul>
 * Names compare as PostgreSQL folds them (unquoted: lower case). A name qualified on one side only matches the
 * same unqualified name on the other, since the rule cannot know the {@code search_path}. {@code DELETE} and
 * {@code UPDATE} are not judged: a data migration's down deletes what its up inserted, and which rows those are is
 * beyond a reading of the text. Statements inside {@code DO} blocks and functions are not seen.
 */
public final class DownDataRule {

    /** The rule's id, as bascule-lint names rules. */
    public static final String ID = "down-drops-uncreated-data";

    private DownDataRule() {
    }

    /** A possibly schema-qualified name, folded as PostgreSQL folds it. */
    record Name(Optional<String> schema, String name) {
        boolean sameAs(Name other) {
            return name.equals(other.name) && (schema.isEmpty() || other.schema.isEmpty() || schema.equals(other.schema));
        }

        @Override
        public String toString() {
            return schema.map(s -> s + ".").orElse("") + name;
        }
    }

    private record Column(Name table, String column) {
    }

    /** What a down statement drops: {@code kind} is safe to show for secure migrations, {@code object} is not. */
    private record Dropped(String kind, String object) {
    }

    /** What an up creates. */
    private record Created(List<Name> tables, List<Column> columns, List<String> schemas) {
        boolean table(Name table) {
            return tables.stream().anyMatch(t -> t.sameAs(table));
        }

        boolean column(Name table, String column) {
            return table(table) || columns.stream().anyMatch(c -> c.column.equals(column) && c.table.sameAs(table));
        }
    }

    /**
     * Every statement of {@code down} that drops data {@code up} did not create, as {@code file:line: message}.
     *
     * @param upName the up file, for messages
     * @param secret the migration is a secure one: findings name no objects
     */
    public static List<Problem> check(String upName, Script up, Script down, boolean secret) {
        Created created = created(up);
        List<Problem> findings = new ArrayList<>();
        for (Statement statement : down.statements()) {
            List<Token> tokens = words(statement);
            for (Dropped dropped : droppedButNotCreated(tokens, created)) {
                String what = secret ? dropped.kind() + " (secure migration: names not shown)" : dropped.kind() + " " + dropped.object();
                findings.add(new Problem(statement.sourceName(), statement.line(), "drops " + what + ", which " + upName
                        + " did not create: undoing the migration would destroy data that was there before it (rule "
                        + ID + "); make the down undo only what the up did"));
            }
        }
        return findings;
    }

    private static Created created(Script up) {
        List<Name> tables = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        List<String> schemas = new ArrayList<>();
        for (Statement statement : up.statements()) {
            List<Token> t = words(statement);
            if (t.isEmpty() || !t.get(0).is("create")) {
                if (isAlterTable(t)) {
                    int at = skip(t, alterTableNameStart(t), "only");
                    Name table = name(t, at);
                    for (List<Token> action : actions(t, afterName(t, at))) {
                        addedColumn(action).ifPresent(c -> columns.add(new Column(table, c)));
                    }
                }
                continue;
            }
            int i = skip(t, 1, "or", "replace", "global", "local", "temp", "temporary", "unlogged");
            if (is(t, i, "table")) {
                tables.add(name(t, skip(t, i + 1, "if", "not", "exists")));
            } else if (is(t, i, "schema")) {
                int at = skip(t, i + 1, "if", "not", "exists");
                if (is(t, at, "authorization")) {
                    at++;
                }
                if (at < t.size()) {
                    schemas.add(fold(t.get(at)));
                }
            }
        }
        return new Created(tables, columns, schemas);
    }

    /** The objects this down statement drops that the up did not create. */
    private static List<Dropped> droppedButNotCreated(List<Token> t, Created created) {
        List<Dropped> dropped = new ArrayList<>();
        if (t.isEmpty()) {
            return dropped;
        }
        if (t.get(0).is("drop") && is(t, 1, "table")) {
            for (Name table : nameList(t, skip(t, 2, "if", "exists"))) {
                if (!created.table(table)) {
                    dropped.add(new Dropped("table", table.toString()));
                }
            }
        } else if (t.get(0).is("truncate")) {
            for (Name table : nameList(t, skip(t, 1, "table", "only"))) {
                if (!created.table(table)) {
                    dropped.add(new Dropped("the rows of table", table.toString()));
                }
            }
        } else if (t.get(0).is("drop") && is(t, 1, "schema") && t.stream().anyMatch(x -> x.is("cascade"))) {
            for (Name schema : nameList(t, skip(t, 2, "if", "exists"))) {
                if (!created.schemas().contains(schema.name())) {
                    dropped.add(new Dropped("schema", schema + " and everything in it (CASCADE)"));
                }
            }
        } else if (isAlterTable(t)) {
            int at = skip(t, alterTableNameStart(t), "only");
            Name table = name(t, at);
            for (List<Token> action : actions(t, afterName(t, at))) {
                droppedColumn(action).filter(c -> !created.column(table, c))
                        .ifPresent(c -> dropped.add(new Dropped("column", table + "." + c)));
            }
        }
        return dropped;
    }

    private static boolean isAlterTable(List<Token> t) {
        return t.size() > 2 && t.get(0).is("alter") && t.get(1).is("table");
    }

    private static int alterTableNameStart(List<Token> t) {
        return skip(t, 2, "if", "exists");
    }

    /** {@code ADD [COLUMN] [IF NOT EXISTS] name ...}: the column's name; constraints are not columns. */
    private static Optional<String> addedColumn(List<Token> action) {
        if (action.isEmpty() || !action.get(0).is("add")) {
            return Optional.empty();
        }
        int i = skip(action, 1, "column");
        i = skip(action, i, "if", "not", "exists");
        if (i >= action.size() || (i == 1 && isConstraintWord(action.get(i)))) {
            return Optional.empty();
        }
        return Optional.of(fold(action.get(i)));
    }

    /** {@code DROP [COLUMN] [IF EXISTS] name}: the column's name; {@code DROP CONSTRAINT} is not a column. */
    private static Optional<String> droppedColumn(List<Token> action) {
        if (action.isEmpty() || !action.get(0).is("drop")) {
            return Optional.empty();
        }
        boolean keyword = is(action, 1, "column");
        if (!keyword && is(action, 1, "constraint")) {
            return Optional.empty();
        }
        int i = skip(action, keyword ? 2 : 1, "if", "exists");
        return i < action.size() ? Optional.of(fold(action.get(i))) : Optional.empty();
    }

    private static boolean isConstraintWord(Token token) {
        return token.type() == TokenType.WORD && List.of("constraint", "primary", "unique", "check", "foreign", "exclude")
                .contains(token.text().toLowerCase(Locale.ROOT));
    }

    /** The actions of an ALTER TABLE, split at top-level commas. */
    private static List<List<Token>> actions(List<Token> t, int from) {
        List<List<Token>> actions = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            Token token = t.get(i);
            if (token.type() == TokenType.LEFT_PAREN) {
                depth++;
            } else if (token.type() == TokenType.RIGHT_PAREN) {
                depth--;
            }
            if (depth == 0 && (token.type() == TokenType.COMMA || token.type() == TokenType.SEMICOLON)) {
                actions.add(current);
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        actions.add(current);
        return actions;
    }

    /** The names of a {@code DROP TABLE a, b} or {@code TRUNCATE a, b}, up to the options. */
    private static List<Name> nameList(List<Token> t, int from) {
        List<Name> names = new ArrayList<>();
        int i = from;
        while (i < t.size() && isIdentifier(t.get(i))) {
            names.add(name(t, i));
            i = afterName(t, i);
            if (i < t.size() && t.get(i).type() == TokenType.OPERATOR && t.get(i).text().equals("*")) {
                i++;
            }
            if (i >= t.size() || t.get(i).type() != TokenType.COMMA) {
                break;
            }
            i = skip(t, i + 1, "only");
        }
        return names;
    }

    /** The (possibly qualified) name starting at {@code i}; its last part is the name, the one before the schema. */
    private static Name name(List<Token> t, int i) {
        List<String> parts = new ArrayList<>();
        while (i < t.size() && isIdentifier(t.get(i))) {
            parts.add(fold(t.get(i)));
            if (i + 1 < t.size() && t.get(i + 1).type() == TokenType.DOT) {
                i += 2;
            } else {
                break;
            }
        }
        if (parts.isEmpty()) {
            return new Name(Optional.empty(), "");
        }
        String last = parts.get(parts.size() - 1);
        return new Name(parts.size() > 1 ? Optional.of(parts.get(parts.size() - 2)) : Optional.empty(), last);
    }

    private static int afterName(List<Token> t, int i) {
        while (i < t.size() && isIdentifier(t.get(i))) {
            if (i + 1 < t.size() && t.get(i + 1).type() == TokenType.DOT) {
                i += 2;
            } else {
                return i + 1;
            }
        }
        return i;
    }

    private static boolean isIdentifier(Token token) {
        return token.type() == TokenType.WORD || token.type() == TokenType.QUOTED_IDENTIFIER;
    }

    /** An identifier as PostgreSQL stores it: unquoted folded to lower case, quoted as written. */
    static String fold(Token token) {
        if (token.type() == TokenType.QUOTED_IDENTIFIER && token.text().startsWith("\"")) {
            String inner = token.text().substring(1, token.text().length() - 1);
            return inner.replace("\"\"", "\"");
        }
        return token.text().toLowerCase(Locale.ROOT);
    }

    private static int skip(List<Token> t, int i, String... optional) {
        boolean moved = true;
        while (moved && i < t.size()) {
            moved = false;
            for (String word : optional) {
                if (t.get(i).is(word)) {
                    i++;
                    moved = true;
                    break;
                }
            }
        }
        return i;
    }

    private static boolean is(List<Token> t, int i, String keyword) {
        return i < t.size() && t.get(i).is(keyword);
    }

    /** The statement's tokens without white space and comments. */
    private static List<Token> words(Statement statement) {
        return Lexer.tokenize(statement.sourceName(), statement.sql()).stream().filter(x -> !x.isTrivia()).toList();
    }
}
