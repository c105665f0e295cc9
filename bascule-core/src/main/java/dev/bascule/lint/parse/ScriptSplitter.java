package dev.bascule.lint.parse;

import dev.bascule.sql.Lexer;
import dev.bascule.sql.ScriptSyntaxError;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a migration file into statements at top-level semicolons, over the script engine's tokens, and parses
 * each. Dollar-quoted bodies are single tokens, so semicolons inside functions and DO blocks never split; COPY
 * data and psql meta-commands are skipped. A file the lexer rejects (unterminated quote or comment) becomes a
 * single not-analysed statement at the place the lexer names.
 */
public final class ScriptSplitter {

    private ScriptSplitter() {
    }

    public static List<SqlStatement> split(String file, String text) {
        List<Token> all;
        try {
            all = Lexer.tokenize(file, text);
        } catch (ScriptSyntaxError e) {
            Token at = new Token(TokenType.OTHER, "", 0, 0, e.line(), e.column());
            return List.of(new SqlStatement(file, "", List.of(at), List.of(),
                    new Ddl.NotAnalysed(at, "the file cannot be split into statements: " + e.detail())));
        }
        List<SqlStatement> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        List<Token> comments = new ArrayList<>();
        int previousEndLine = 0;
        // A SQL-standard routine body (CREATE FUNCTION ... BEGIN ATOMIC ... END) holds semicolons outside any
        // quote; like psql, count BEGIN/CASE against END and split only at depth 0.
        int atomicDepth = 0;
        for (Token t : all) {
            if (t.type() == TokenType.WORD && isRoutine(current)) {
                if (t.is("begin") || t.is("case")) {
                    atomicDepth++;
                } else if (t.is("end") && atomicDepth > 0) {
                    atomicDepth--;
                }
            }
            if (t.type() == TokenType.SEMICOLON && atomicDepth > 0) {
                current.add(t);
                continue;
            }
            switch (t.type()) {
                case WHITESPACE, META_COMMAND, COPY_DATA -> {
                }
                case LINE_COMMENT, BLOCK_COMMENT -> {
                    if (current.isEmpty() && t.line() > previousEndLine) {
                        comments.add(t);
                    }
                }
                case SEMICOLON -> {
                    if (!current.isEmpty()) {
                        current.add(t);
                        statements.add(statement(file, text, current, comments));
                    }
                    current = new ArrayList<>();
                    comments = new ArrayList<>();
                    previousEndLine = t.line();
                }
                default -> current.add(t);
            }
        }
        if (!current.isEmpty()) {
            statements.add(statement(file, text, current, comments));
        }
        return statements;
    }

    private static boolean isRoutine(List<Token> current) {
        if (current.isEmpty() || !current.get(0).is("create")) {
            return false;
        }
        int i = 1;
        if (current.size() > 2 && current.get(1).is("or") && current.get(2).is("replace")) {
            i = 3;
        }
        return current.size() > i && (current.get(i).is("function") || current.get(i).is("procedure"));
    }

    private static SqlStatement statement(String file, String text, List<Token> tokens, List<Token> comments) {
        String sql = text.substring(tokens.get(0).start(), tokens.get(tokens.size() - 1).end());
        return new SqlStatement(file, sql, tokens, comments, DdlParser.parse(tokens, sql));
    }
}
