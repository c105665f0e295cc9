package dev.bascule.lint.parse;

import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Follows the block structure of a PL/pgSQL body (DECLARE, BEGIN ... EXCEPTION ... END, IF, CASE, LOOP, WHILE,
 * FOR, FOREACH) over its non-trivia tokens, and cuts out the statements with the loop each one runs in. It is
 * lenient: a shape it does not know is read as one statement up to the next semicolon, and it never throws.
 */
final class PlpgsqlReader {

    /** Tokens {@code [from, to)} of one statement (semicolon included when present). */
    record Piece(int from, int to, BodyStatement.Kind kind, BodyLoop loop, BodyLoop drives) {
    }

    record Result(List<Piece> pieces, List<BodyLoop> loops) {
    }

    private static final Set<String> BLOCK_END = Set.of("end", "exception");
    private static final Set<String> IF_BRANCH_END = Set.of("elsif", "elseif", "else", "end");
    private static final Set<String> CASE_BRANCH_END = Set.of("when", "else", "end");
    private static final Set<String> HANDLER_END = Set.of("when", "end");
    private static final Set<String> END = Set.of("end");
    private static final Set<String> OTHER_STATEMENTS = Set.of("return", "raise", "get", "null", "assert", "open",
            "fetch", "move", "close");
    private static final Set<String> QUERY_STARTS = Set.of("select", "with", "values", "table");

    private final List<Token> t;
    private final List<Piece> pieces = new ArrayList<>();
    private final List<BodyLoop> loops = new ArrayList<>();
    private int pos;
    private BodyLoop loop;

    private PlpgsqlReader(List<Token> tokens) {
        this.t = tokens;
    }

    /** Reads a PL/pgSQL body (DO block or function). */
    static Result plpgsql(List<Token> tokens) {
        PlpgsqlReader reader = new PlpgsqlReader(tokens);
        reader.statements(Set.of());
        return new Result(List.copyOf(reader.pieces), List.copyOf(reader.loops));
    }

    /** Cuts a LANGUAGE sql body at its semicolons. */
    static Result sql(List<Token> tokens) {
        PlpgsqlReader reader = new PlpgsqlReader(tokens);
        while (reader.pos < tokens.size()) {
            int before = reader.pos;
            reader.simple(BodyStatement.Kind.SQL);
            reader.pos = Math.max(reader.pos, before + 1);
        }
        return new Result(List.copyOf(reader.pieces), List.of());
    }

    private void statements(Set<String> stops) {
        while (pos < t.size() && !(t.get(pos).type() == TokenType.WORD && stops.contains(lower(t.get(pos))))) {
            int before = pos;
            statement();
            if (pos == before) {
                pos++; // never stall on a token no rule of this reader consumes
            }
        }
    }

    private void statement() {
        Token first = t.get(pos);
        if (first.type() == TokenType.SEMICOLON) {
            pos++;
            return;
        }
        if (first.type() == TokenType.OPERATOR && first.text().equals("<<")) {
            pos++; // <<label>> before a block or loop
            acceptWordToken();
            if (pos < t.size() && t.get(pos).text().equals(">>")) {
                pos++;
            }
            return;
        }
        if (first.type() != TokenType.WORD) {
            simple(BodyStatement.Kind.SQL);
            return;
        }
        String word = lower(first);
        switch (word) {
            case "declare", "begin" -> block();
            case "if" -> ifStatement();
            case "case" -> caseStatement();
            case "loop" -> loop(first, pos, pos, -1);
            case "while", "for", "foreach" -> headedLoop(first);
            case "exit", "continue" -> simple(BodyStatement.Kind.EXIT);
            case "perform" -> simple(BodyStatement.Kind.PERFORM);
            case "execute" -> simple(BodyStatement.Kind.EXECUTE);
            default -> simple(OTHER_STATEMENTS.contains(word) ? BodyStatement.Kind.OTHER
                    : isAssignment() ? BodyStatement.Kind.ASSIGNMENT : BodyStatement.Kind.SQL);
        }
    }

    private void block() {
        if (accept("declare")) {
            skipTo("begin");
        }
        if (!accept("begin")) {
            return;
        }
        statements(BLOCK_END);
        if (accept("exception")) {
            while (accept("when")) {
                skipTo("then");
                accept("then");
                statements(HANDLER_END);
            }
        }
        if (accept("end")) {
            endLabel();
        }
    }

    private void ifStatement() {
        pos++;
        skipTo("then");
        accept("then");
        statements(IF_BRANCH_END);
        while (accept("elsif") || accept("elseif")) {
            skipTo("then");
            accept("then");
            statements(IF_BRANCH_END);
        }
        if (accept("else")) {
            statements(END);
        }
        if (accept("end")) {
            accept("if");
            acceptSemicolon();
        }
    }

    private void caseStatement() {
        pos++;
        skipTo("when");
        while (accept("when")) {
            skipTo("then");
            accept("then");
            statements(CASE_BRANCH_END);
        }
        if (accept("else")) {
            statements(END);
        }
        if (accept("end")) {
            accept("case");
            acceptSemicolon();
        }
    }

    /** WHILE cond LOOP, FOR x IN ... LOOP, FOREACH x IN ARRAY a LOOP. */
    private void headedLoop(Token first) {
        int header = pos;
        boolean isFor = first.is("for");
        pos++;
        int query = -1;
        skipTo("loop");
        int loopWord = pos;
        if (isFor) {
            for (int i = header + 1; i < loopWord; i++) {
                if (t.get(i).is("in") && i + 1 < loopWord && QUERY_STARTS.contains(lower(t.get(i + 1)))) {
                    query = i + 1;
                    break;
                }
            }
        }
        loop(first, header, loopWord, query);
    }

    private void loop(Token at, int headerFrom, int loopWord, int query) {
        BodyLoop outer = loop;
        BodyLoop inner = new BodyLoop(loops.size(), at, outer,
                headerFrom < loopWord ? t.subList(headerFrom + 1, loopWord) : List.of());
        loops.add(inner);
        if (query >= 0) {
            pieces.add(new Piece(query, loopWord, BodyStatement.Kind.SQL, outer, inner));
        }
        pos = loopWord;
        accept("loop");
        loop = inner;
        statements(END);
        loop = outer;
        if (accept("end")) {
            accept("loop");
            endLabel();
        }
    }

    /** One statement up to its semicolon (at parenthesis depth 0). */
    private void simple(BodyStatement.Kind kind) {
        int from = pos;
        int depth = 0;
        while (pos < t.size()) {
            Token token = t.get(pos);
            if (token.type() == TokenType.LEFT_PAREN || token.type() == TokenType.LEFT_BRACKET) {
                depth++;
            } else if (token.type() == TokenType.RIGHT_PAREN || token.type() == TokenType.RIGHT_BRACKET) {
                depth--;
            } else if (token.type() == TokenType.SEMICOLON && depth <= 0) {
                pos++;
                break;
            }
            pos++;
        }
        if (pos > from) {
            pieces.add(new Piece(from, pos, kind, loop, null));
        }
    }

    /** {@code name [.field | [index]]* :=} or {@code =}: an assignment, not an SQL statement. */
    private boolean isAssignment() {
        int i = pos + 1;
        while (i < t.size()) {
            Token token = t.get(i);
            if (token.type() == TokenType.DOT && i + 1 < t.size()) {
                i += 2;
            } else if (token.type() == TokenType.LEFT_BRACKET) {
                while (i < t.size() && t.get(i).type() != TokenType.RIGHT_BRACKET) {
                    i++;
                }
                i++;
            } else {
                break;
            }
        }
        if (i >= t.size()) {
            return false;
        }
        Token token = t.get(i);
        return (token.type() == TokenType.COLON && token.text().equals(":") && i + 1 < t.size()
                && t.get(i + 1).text().startsWith("="))
                || (token.type() == TokenType.OPERATOR && (token.text().equals("=") || token.text().equals(":=")));
    }

    /** Advances to the word {@code stop} at depth 0 (parentheses and CASE ... END), not past a semicolon. */
    private void skipTo(String stop) {
        int depth = 0;
        int cases = 0;
        while (pos < t.size()) {
            Token token = t.get(pos);
            if (token.type() == TokenType.LEFT_PAREN) {
                depth++;
            } else if (token.type() == TokenType.RIGHT_PAREN) {
                depth--;
            } else if (depth <= 0 && token.type() == TokenType.SEMICOLON && !stop.equals("begin")) {
                return;
            } else if (token.is("case") && !stop.equals("begin")) {
                cases++;
            } else if (token.is("end") && cases > 0) {
                cases--;
            } else if (depth <= 0 && cases == 0 && token.is(stop)) {
                return;
            }
            pos++;
        }
    }

    /** After END [IF|LOOP]: an optional label, then the semicolon. */
    private void endLabel() {
        if (pos + 1 < t.size() && t.get(pos).type() == TokenType.WORD
                && t.get(pos + 1).type() == TokenType.SEMICOLON) {
            pos++;
        }
        acceptSemicolon();
    }

    private boolean accept(String word) {
        if (pos < t.size() && t.get(pos).is(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptWordToken() {
        if (pos < t.size() && t.get(pos).type() == TokenType.WORD) {
            pos++;
        }
    }

    private void acceptSemicolon() {
        if (pos < t.size() && t.get(pos).type() == TokenType.SEMICOLON) {
            pos++;
        }
    }

    private static String lower(Token token) {
        return token.text().toLowerCase(Locale.ROOT);
    }
}
