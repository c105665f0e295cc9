package dev.bascule.lint.parse;

import dev.bascule.sql.Lexer;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.ScriptSyntaxError;
import dev.bascule.sql.Statement;
import dev.bascule.sql.StatementKind;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the body of a DO block or routine: lexes the text inside its quotes with the script engine's lexer,
 * moves every token to its place in the file (offset, line, column), and cuts statements with
 * {@link PlpgsqlReader}. Each SQL statement is classified by the script engine like a top-level one.
 */
final class BodyReader {

    private BodyReader() {
    }

    static Body read(String file, String text, int host, Routine routine) {
        Token quoted = routine.body();
        String raw = quoted.text();
        int open;
        int close;
        if (quoted.type() == TokenType.DOLLAR_STRING) {
            open = raw.indexOf('$', 1) + 1;
            close = raw.length() - open;
        } else if (raw.startsWith("'") && raw.endsWith("'") && raw.length() >= 2 && !raw.substring(1, raw.length() - 1).contains("'")) {
            open = 1;
            close = raw.length() - 1;
        } else {
            return new Body(host, routine, List.of(), List.of(), "the body is a quoted string with escaped quotes;"
                    + " write it $$ ... $$ to have it analysed");
        }
        if (open <= 0 || close < open) {
            return new Body(host, routine, List.of(), List.of(), "the body's quotes could not be read");
        }
        List<Token> all;
        try {
            all = moved(Lexer.tokenize(file, raw.substring(open, close)), quoted.start() + open, quoted.line(),
                    quoted.column() + open);
        } catch (ScriptSyntaxError e) {
            return new Body(host, routine, List.of(), List.of(), "the body cannot be read: " + e.detail());
        }
        List<Token> significant = all.stream().filter(t -> !t.isTrivia()).toList();
        PlpgsqlReader.Result read = routine.language().equals("plpgsql")
                ? PlpgsqlReader.plpgsql(significant) : PlpgsqlReader.sql(significant);
        List<BodyStatement> statements = new ArrayList<>(read.pieces().size());
        int comment = 0;
        int previousEnd = quoted.start() + open;
        for (PlpgsqlReader.Piece piece : read.pieces()) {
            List<Token> tokens = significant.subList(piece.from(), piece.to());
            Token first = tokens.get(0);
            Token last = tokens.get(tokens.size() - 1);
            List<Token> comments = new ArrayList<>();
            for (; comment < all.size() && all.get(comment).start() < first.start(); comment++) {
                Token t = all.get(comment);
                if (t.start() >= previousEnd && (t.type() == TokenType.LINE_COMMENT
                        || t.type() == TokenType.BLOCK_COMMENT)) {
                    comments.add(t);
                }
            }
            previousEnd = last.end();
            String sql = text.substring(first.start(), last.end());
            boolean isSql = piece.kind() == BodyStatement.Kind.SQL;
            Statement source = new Statement(sql, file, first.line(), first.column(),
                    isSql ? kindOf(file, sql) : StatementKind.ORDINARY, null);
            Ddl ddl = isSql ? DdlParser.parse(tokens, sql, true)
                    : new Ddl.Opaque(first, first.text().toUpperCase(Locale.ROOT), false);
            statements.add(new BodyStatement(new SqlStatement(source, tokens, comments, ddl, routine.kind()
                    == Routine.Kind.DO), piece.kind(), piece.loop(), piece.drives()));
        }
        return new Body(host, routine, statements, read.loops(), null);
    }

    /** The script engine's classification of one statement of a body (the same rules as at top level). */
    private static StatementKind kindOf(String file, String sql) {
        try {
            List<Statement> parsed = ScriptParser.parse(file, sql).statements();
            return parsed.size() == 1 ? parsed.get(0).kind() : StatementKind.ORDINARY;
        } catch (ScriptSyntaxError e) {
            return StatementKind.ORDINARY;
        }
    }

    /** Tokens lexed from a body, moved to where the body starts in the file. */
    private static List<Token> moved(List<Token> tokens, int offset, int line, int column) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            boolean firstLine = t.line() == 1;
            out.add(new Token(t.type(), t.text(), t.start() + offset, t.end() + offset, line + t.line() - 1,
                    firstLine ? column + t.column() - 1 : t.column()));
        }
        return out;
    }
}
