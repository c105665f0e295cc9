package dev.bascule.lint.parse;

import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent reader of the statement shapes the lint rules inspect. It never throws: a statement it
 * does not recognise, or one whose shape surprises it, becomes {@link Ddl.NotAnalysed} naming the place.
 * Function, procedure and DO bodies are dollar-quoted strings, single tokens it never looks into.
 */
public final class DdlParser {

    private static final Set<String> UUID_FUNCTIONS = Set.of("uuid_generate_v4", "gen_random_uuid");
    private static final Set<String> SCHEMA_WORDS = Set.of("create", "alter", "drop", "comment", "grant",
            "revoke", "security", "import", "refresh", "cluster", "reindex", "vacuum");
    private static final Set<String> QUERY_WORDS = Set.of("select", "values", "table", "do", "call", "analyze",
            "analyse", "notify", "listen", "unlisten", "show", "explain", "discard", "prepare", "execute",
            "deallocate", "checkpoint", "load", "fetch", "move", "close", "declare", "reset", "merge");

    private final TokenCursor c;
    /** The statement sits in a PL/pgSQL body, where {@code SELECT ... INTO x} fills variables, not a table. */
    private final boolean plpgsql;

    private DdlParser(List<Token> tokens, String sql, boolean plpgsql) {
        this.c = new TokenCursor(tokens, sql);
        this.plpgsql = plpgsql;
    }

    /**
     * Parses one statement given as its non-trivia tokens (the terminating semicolon may be included).
     *
     * @param sql the statement's text, starting at the first token's offset (used to quote expressions)
     */
    public static Ddl parse(List<Token> tokens, String sql) {
        return parse(tokens, sql, false);
    }

    /** As {@link #parse(List, String)}; {@code plpgsql} for a statement of a PL/pgSQL body. */
    public static Ddl parse(List<Token> tokens, String sql, boolean plpgsql) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a statement has at least one token");
        }
        DdlParser parser = new DdlParser(tokens, sql, plpgsql);
        try {
            return parser.statement();
        } catch (TokenCursor.ParseFailure e) {
            Token at = e.at == null ? tokens.get(0) : e.at;
            return new Ddl.NotAnalysed(at, "could not follow the statement: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Ddl.NotAnalysed(tokens.get(0), "could not follow the statement (" + e + ")");
        }
    }

    private Ddl statement() {
        Token at = c.peek();
        String first = at.type() == TokenType.WORD ? at.text().toLowerCase(Locale.ROOT) : "";
        switch (first) {
            case "with" -> {
                return withQuery(at);
            }
            case "create" -> {
                return create(at);
            }
            case "alter" -> {
                return new ObjectParser(c).alter(at);
            }
            case "drop" -> {
                return new ObjectParser(c).drop(at);
            }
            case "comment" -> {
                return new ObjectParser(c).comment(at);
            }
            case "insert" -> {
                return insert(at);
            }
            case "update" -> {
                return update(at);
            }
            case "delete" -> {
                return delete(at);
            }
            case "copy" -> {
                return copy(at);
            }
            case "truncate" -> {
                return truncate(at);
            }
            case "vacuum" -> {
                return vacuum(at);
            }
            case "cluster" -> {
                c.next();
                c.accept("verbose");
                return new Ddl.Cluster(at, c.atEnd() ? null : c.qname());
            }
            case "reindex" -> {
                return reindex(at);
            }
            case "set" -> {
                return set(at);
            }
            case "begin", "start" -> {
                return new Ddl.Transaction(at, Ddl.Transaction.Kind.BEGIN);
            }
            case "commit", "end" -> {
                return new Ddl.Transaction(at, Ddl.Transaction.Kind.COMMIT);
            }
            case "rollback", "abort" -> {
                return new Ddl.Transaction(at, c.isAt(1, "to") ? Ddl.Transaction.Kind.SAVEPOINT
                        : Ddl.Transaction.Kind.ROLLBACK);
            }
            case "savepoint", "release" -> {
                return new Ddl.Transaction(at, Ddl.Transaction.Kind.SAVEPOINT);
            }
            case "lock" -> {
                return lock(at);
            }
            case "select" -> {
                return plpgsql ? new Ddl.Opaque(at, c.leadingWords(1), false) : selectInto(at);
            }
            default -> {
                if (SCHEMA_WORDS.contains(first)) {
                    return new Ddl.Opaque(at, c.leadingWords(3), true);
                }
                if (QUERY_WORDS.contains(first) || at.type() == TokenType.LEFT_PAREN) {
                    return new Ddl.Opaque(at, c.leadingWords(1), false);
                }
                return new Ddl.NotAnalysed(at, "statement starting with '" + at.text() + "' is not recognised");
            }
        }
    }

    /** {@code WITH cte AS (...) [, ...] <INSERT|UPDATE|DELETE|SELECT ...>}: the CTEs are skipped. */
    private Ddl withQuery(Token at) {
        c.next();
        c.accept("recursive");
        do {
            c.identifier();
            if (c.isType(TokenType.LEFT_PAREN)) {
                c.skipParens();
            }
            c.expect("as");
            c.accept("not");
            c.accept("materialized");
            c.skipParens();
        } while (c.acceptType(TokenType.COMMA));
        Ddl main = statement();
        return main instanceof Ddl.NotAnalysed ? new Ddl.NotAnalysed(at, "WITH query not recognised") : main;
    }

    private Ddl create(Token at) {
        c.next();
        c.accept("or", "replace");
        if (c.accept("unique")) {
            c.expect("index");
            return createIndex(at, true);
        }
        if (c.accept("index")) {
            return createIndex(at, false);
        }
        c.accept("global");
        c.accept("local");
        boolean temporary = c.accept("temp") || c.accept("temporary");
        c.accept("unlogged");
        if (c.accept("table")) {
            Ddl.CreateTable table = (Ddl.CreateTable) new TableParser(c).createTable();
            return temporary ? new Ddl.Opaque(at, "CREATE TEMPORARY TABLE " + table.table(), true) : table;
        }
        c.reset(0);
        return new Ddl.Opaque(at, c.leadingWords(4), true);
    }

    private Ddl createIndex(Token at, boolean unique) {
        boolean concurrently = c.accept("concurrently");
        boolean ifNotExists = c.accept("if", "not", "exists");
        String name = c.is("on") ? null : c.identifier();
        if (c.isType(TokenType.DOT)) {
            c.next();
            name = c.identifier();
        }
        c.expect("on");
        c.accept("only");
        QName table = c.qname();
        return new Ddl.CreateIndex(at, name, table, unique, concurrently, ifNotExists);
    }

    /**
     * {@code SELECT ... INTO [TEMP|UNLOGGED] [TABLE] name ...}: a new table filled from the query; any other
     * SELECT is a query.
     */
    private Ddl selectInto(Token at) {
        c.next();
        int depth = 0;
        while (!c.atEnd()) {
            Token t = c.next();
            if (t.type() == TokenType.LEFT_PAREN) {
                depth++;
            } else if (t.type() == TokenType.RIGHT_PAREN) {
                depth--;
            } else if (depth == 0 && t.is("into")) {
                boolean temporary = c.accept("temporary") || c.accept("temp");
                c.accept("unlogged");
                c.accept("table");
                QName table = c.qname();
                return temporary ? new Ddl.Opaque(at, "SELECT INTO TEMPORARY TABLE " + table, false)
                        : new Ddl.CreateTable(table, false, List.of(), List.of(), true, true);
            } else if (depth == 0 && (t.is("from") || t.is("union"))) {
                break;
            }
        }
        c.reset(0);
        return new Ddl.Opaque(at, c.leadingWords(1), false);
    }

    private Ddl insert(Token at) {
        c.next();
        c.expect("into");
        QName table = c.qname();
        Token uuid = c.findWord(c.position(), Integer.MAX_VALUE, UUID_FUNCTIONS);
        return new Ddl.Insert(at, table, uuid);
    }

    private Ddl update(Token at) {
        c.next();
        c.accept("only");
        QName table = c.qname();
        return new Ddl.Update(at, table, c.hasTopLevelWord("where"));
    }

    private Ddl delete(Token at) {
        c.next();
        c.expect("from");
        c.accept("only");
        QName table = c.qname();
        return new Ddl.Delete(at, table, c.hasTopLevelWord("where"));
    }

    private Ddl copy(Token at) {
        c.next();
        if (c.isType(TokenType.LEFT_PAREN)) {
            return new Ddl.Opaque(at, "COPY (query)", false);
        }
        QName table = c.qname();
        if (c.isType(TokenType.LEFT_PAREN)) {
            c.skipParens();
        }
        boolean fromStdin = c.accept("from", "stdin");
        return new Ddl.Copy(at, table, fromStdin);
    }

    private Ddl truncate(Token at) {
        c.next();
        c.accept("table");
        c.accept("only");
        List<QName> tables = c.qnames();
        boolean cascade = false;
        while (!c.atEnd()) {
            cascade |= c.next().is("cascade");
        }
        return new Ddl.Truncate(at, tables, cascade);
    }

    private Ddl vacuum(Token at) {
        c.next();
        boolean full = false;
        if (c.isType(TokenType.LEFT_PAREN)) {
            int from = c.position();
            c.skipParens();
            full = c.findWord(from, c.position(), Set.of("full")) != null;
        }
        while (c.is("full") || c.is("freeze") || c.is("verbose") || c.is("analyze") || c.is("analyse")) {
            full |= c.next().is("full");
        }
        List<QName> tables = c.atEnd() ? List.of() : c.qnames();
        return new Ddl.Vacuum(at, full, tables);
    }

    private Ddl reindex(Token at) {
        c.next();
        boolean concurrently = false;
        if (c.isType(TokenType.LEFT_PAREN)) {
            int from = c.position();
            c.skipParens();
            concurrently = c.findWord(from, c.position(), Set.of("concurrently")) != null;
        }
        String kind = c.next().text().toUpperCase(Locale.ROOT);
        concurrently |= c.accept("concurrently");
        QName target = c.atEnd() ? null : c.qname();
        return new Ddl.Reindex(at, kind, target, concurrently);
    }

    private Ddl set(Token at) {
        c.next();
        if (!c.accept("session")) {
            c.accept("local");
        }
        if (c.is("transaction") || c.is("constraints") || c.is("role") || c.is("session")) {
            return new Ddl.Opaque(at, c.leadingWords(3), false);
        }
        String parameter = c.identifier();
        while (c.acceptType(TokenType.DOT)) {
            parameter = parameter + "." + c.identifier();
        }
        if (!c.accept("to") && !(c.isType(TokenType.OPERATOR) && c.peek().text().equals("="))) {
            return new Ddl.SetParameter(at, parameter, "");
        }
        if (c.isType(TokenType.OPERATOR)) {
            c.next();
        }
        int from = c.position();
        while (!c.atEnd()) {
            c.next();
        }
        return new Ddl.SetParameter(at, parameter, c.text(from, c.position()));
    }

    private Ddl lock(Token at) {
        c.next();
        c.accept("table");
        c.accept("only");
        List<QName> tables = c.qnames();
        String mode = "ACCESS EXCLUSIVE";
        if (c.accept("in")) {
            int from = c.position();
            while (!c.atEnd() && !c.is("mode")) {
                c.next();
            }
            mode = c.text(from, c.position()).toUpperCase(Locale.ROOT);
        }
        return new Ddl.LockTable(at, tables, mode);
    }
}
