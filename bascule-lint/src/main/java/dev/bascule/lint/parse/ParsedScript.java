package dev.bascule.lint.parse;

import dev.bascule.sql.Directives;
import dev.bascule.sql.Lexer;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.ScriptSyntaxError;
import dev.bascule.sql.Statement;
import dev.bascule.sql.StatementKind;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A migration file as the linter sees it: the statements the runner will send (cut, classified and given their
 * directives by the script engine's {@link ScriptParser}, so linter and runner can never disagree on where a
 * statement ends, which directives it carries or whether it may run in a transaction), each with its non-trivia
 * tokens and the comment lines above it (where {@code -- bascule:ignore} lives), parsed into {@link Ddl}; and the
 * bodies of its DO blocks and functions, read by {@link BodyReader}.
 *
 * @param statements the top-level statements in order
 * @param bodies     the readable bodies of DO blocks and plpgsql/sql routines, in order
 * @param directives the header directives ({@code -- bascule:no-transaction}, {@code -- bascule:data}, ...)
 * @param error      why the script engine refuses the file (then {@code statements} is one not-analysed
 *                   statement at the place it names), or {@code null}
 */
public record ParsedScript(String file, List<SqlStatement> statements, List<Body> bodies, Directives directives,
                           ScriptSyntaxError error) {

    public ParsedScript {
        statements = List.copyOf(statements);
        bodies = List.copyOf(bodies);
    }

    /** Reads a file's text; never throws (a file the runner refuses becomes one not-analysed statement). */
    public static ParsedScript parse(String file, String text) {
        List<Token> all;
        Script script;
        try {
            all = Lexer.tokenize(file, text);
            script = ScriptParser.parse(file, text);
        } catch (ScriptSyntaxError e) {
            return refused(file, e);
        }
        List<SqlStatement> result = new ArrayList<>(script.statements().size());
        List<Body> bodies = new ArrayList<>();
        int next = 0;
        int previousEndLine = 0;
        for (Statement statement : script.statements()) {
            // Statements and tokens come in text order: walk to the token where the engine says it starts.
            int first = next;
            List<Token> comments = new ArrayList<>();
            for (; first < all.size(); first++) {
                Token t = all.get(first);
                if (!t.isTrivia() && t.line() == statement.line() && t.column() == statement.column()) {
                    break;
                }
                if ((t.type() == TokenType.LINE_COMMENT || t.type() == TokenType.BLOCK_COMMENT)
                        && t.line() > previousEndLine) {
                    comments.add(t);
                }
            }
            if (first == all.size()) {
                continue; // cannot happen for a script both lexed and parsed without error; never guess a position
            }
            int end = all.get(first).start() + statement.sql().length();
            List<Token> tokens = new ArrayList<>();
            for (next = first; next < all.size() && all.get(next).start() < end; next++) {
                if (!all.get(next).isTrivia()) {
                    tokens.add(all.get(next));
                }
            }
            if (tokens.isEmpty()) {
                continue;
            }
            previousEndLine = tokens.get(tokens.size() - 1).line();
            result.add(new SqlStatement(statement, tokens, comments, DdlParser.parse(tokens, statement.sql()), false));
            Optional<Routine> routine = Routine.of(tokens);
            if (routine.isPresent() && routine.get().analysable()) {
                bodies.add(BodyReader.read(file, text, result.size() - 1, routine.get()));
            }
        }
        return new ParsedScript(file, result, bodies, script.directives(), null);
    }

    /** A file the script engine refuses (bad UTF-8, unterminated quote, unknown directive): one not-analysed statement. */
    public static ParsedScript refused(String file, ScriptSyntaxError e) {
        Token at = new Token(TokenType.OTHER, "", 0, 0, e.line(), e.column());
        Statement source = new Statement("", file, e.line(), e.column(), StatementKind.ORDINARY, null);
        SqlStatement only = new SqlStatement(source, List.of(at), List.of(),
                new Ddl.NotAnalysed(at, "the file cannot be split into statements: " + e.detail()), false);
        return new ParsedScript(file, List.of(only), List.of(), Directives.none(), e);
    }
}
