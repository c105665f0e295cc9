package dev.bascule.lint.parse;

import dev.bascule.sql.Lexer;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.ScriptSyntaxError;
import dev.bascule.sql.Statement;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A migration file as the linter sees it: the statements the runner will send (cut by the script engine's
 * {@link ScriptParser}, so linter and runner can never disagree on where a statement ends), each with its
 * non-trivia tokens and the comment lines above it (where {@code -- bascule:ignore} lives), parsed into
 * {@link Ddl}. A file the script engine rejects (unterminated quote, unknown meta-command) becomes a single
 * not-analysed statement at the place it names.
 */
public final class ScriptSplitter {

    private ScriptSplitter() {
    }

    public static List<SqlStatement> split(String file, String text) {
        List<Token> all;
        List<Statement> statements;
        try {
            all = Lexer.tokenize(file, text);
            statements = ScriptParser.parse(file, text).statements();
        } catch (ScriptSyntaxError e) {
            Token at = new Token(TokenType.OTHER, "", 0, 0, e.line(), e.column());
            return List.of(new SqlStatement(file, "", List.of(at), List.of(),
                    new Ddl.NotAnalysed(at, "the file cannot be split into statements: " + e.detail())));
        }
        // Where each statement starts in the text: the offset of its first token, found by line and column.
        Map<Long, Integer> offsetAt = new HashMap<>();
        for (Token t : all) {
            if (!t.isTrivia()) {
                offsetAt.putIfAbsent(position(t.line(), t.column()), t.start());
            }
        }
        List<SqlStatement> result = new ArrayList<>(statements.size());
        int next = 0;
        int previousEndLine = 0;
        for (Statement statement : statements) {
            Integer start = offsetAt.get(position(statement.line(), statement.column()));
            if (start == null) {
                continue; // cannot happen for a script both lexed and parsed without error; never guess a position
            }
            int end = start + statement.sql().length();
            List<Token> comments = new ArrayList<>();
            List<Token> tokens = new ArrayList<>();
            for (; next < all.size() && all.get(next).start() < end; next++) {
                Token t = all.get(next);
                if (t.start() < start) {
                    if ((t.type() == TokenType.LINE_COMMENT || t.type() == TokenType.BLOCK_COMMENT) && t.line() > previousEndLine) {
                        comments.add(t);
                    }
                } else if (!t.isTrivia()) {
                    tokens.add(t);
                }
            }
            if (tokens.isEmpty()) {
                continue;
            }
            previousEndLine = tokens.get(tokens.size() - 1).line();
            result.add(new SqlStatement(file, statement.sql(), tokens, comments, DdlParser.parse(tokens, statement.sql())));
        }
        return result;
    }

    private static long position(int line, int column) {
        return ((long) line << 32) | column;
    }
}
