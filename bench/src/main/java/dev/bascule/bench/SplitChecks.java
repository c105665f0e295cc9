package dev.bascule.bench;

import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.ScriptSyntaxError;
import dev.bascule.sql.Statement;
import dev.bascule.sql.StatementKind;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.List;
import java.util.Locale;

/**
 * What the lexer fuzz job checks on each input; every method returns null when the property holds, else what
 * is wrong. Written apart from bascule-core's test helpers so the fuzz job checks them too.
 */
final class SplitChecks {

    private SplitChecks() {
    }

    /**
     * The tokens cover the text in order, without gap or overlap, each token's text is the source text at its
     * offsets, and its line and column are those of its first character (1-based; a line ends at '\n').
     */
    static String tokensCover(String text, List<Token> tokens) {
        int pos = 0;
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.start() != pos) {
                return "token " + i + " (" + token.type() + ") starts at " + token.start() + ", expected " + pos
                        + (token.start() > pos ? " (gap)" : " (overlap)");
            }
            if (token.end() <= token.start() || token.end() > text.length()) {
                return "token " + i + " (" + token.type() + ") has bad bounds [" + token.start() + ", " + token.end() + ")";
            }
            if (!text.regionMatches(token.start(), token.text(), 0, token.text().length())
                    || token.text().length() != token.end() - token.start()) {
                return "token " + i + " (" + token.type() + ") text differs from the source at " + token.start();
            }
            if (token.line() != line || token.column() != pos - lineStart + 1) {
                return "token " + i + " (" + token.type() + ") at offset " + pos + " says " + token.line() + ":"
                        + token.column() + ", expected " + line + ":" + (pos - lineStart + 1);
            }
            for (int p = token.start(); p < token.end(); p++) {
                if (text.charAt(p) == '\n') {
                    line++;
                    lineStart = p + 1;
                }
            }
            pos = token.end();
        }
        return pos == text.length() ? null : "tokens end at " + pos + " of " + text.length() + " chars";
    }

    /**
     * The statements are the source text at their line and column, in order, without overlap; every token outside
     * them is white space, a comment, an empty statement's ";" or the data block (and the rest of the line) of
     * the COPY ... FROM STDIN before it; each COPY data block is the statement's copy data plus its {@code \.} line.
     */
    static String statementsCover(String text, List<Token> tokens, List<Statement> statements) {
        int[] lineStarts = lineStarts(text);
        int t = 0;
        int copyBlocks = 0;
        for (int s = 0; s < statements.size(); s++) {
            Statement statement = statements.get(s);
            if (statement.line() < 1 || statement.line() > lineStarts.length || statement.column() < 1) {
                return "statement " + s + " has position " + statement.line() + ":" + statement.column();
            }
            int start = lineStarts[statement.line() - 1] + statement.column() - 1;
            int end = start + statement.sql().length();
            if (end > text.length() || !text.startsWith(statement.sql(), start)) {
                return "statement " + s + " at " + statement.line() + ":" + statement.column() + " is not the source text there";
            }
            while (t < tokens.size() && tokens.get(t).start() < start) {
                String outside = outside(tokens.get(t), t);
                if (outside != null) {
                    return outside + " before statement " + s + " at " + statement.line() + ":" + statement.column();
                }
                t++;
            }
            if (t >= tokens.size() || tokens.get(t).start() != start || isTrivia(tokens.get(t))) {
                return "statement " + s + " does not start at a significant token (" + statement.line() + ":"
                        + statement.column() + ")";
            }
            while (t < tokens.size() && tokens.get(t).end() <= end) {
                t++;
            }
            if (tokens.get(t - 1).end() != end || isTrivia(tokens.get(t - 1))) {
                return "statement " + s + " does not end at the end of a significant token";
            }
            if (statement.copyData() != null) {
                while (t < tokens.size() && isTrivia(tokens.get(t)) && tokens.get(t).type() != TokenType.COPY_DATA) {
                    t++;
                }
                if (t >= tokens.size() || tokens.get(t).type() != TokenType.COPY_DATA) {
                    return "COPY statement " + s + " is not followed by its data block";
                }
                String block = tokens.get(t).text();
                String rest = block.startsWith(statement.copyData()) ? block.substring(statement.copyData().length()) : "";
                if (!rest.equals("\\.") && !rest.equals("\\.\n") && !rest.equals("\\.\r\n") && !rest.equals("\\.\r")) {
                    return "COPY statement " + s + ": its data is not the data block less the \\. line";
                }
                copyBlocks++;
                t++;
            }
        }
        for (; t < tokens.size(); t++) {
            String outside = outside(tokens.get(t), t);
            if (outside != null) {
                return outside + " after the last statement";
            }
        }
        long dataTokens = tokens.stream().filter(k -> k.type() == TokenType.COPY_DATA).count();
        return dataTokens == copyBlocks ? null : dataTokens + " COPY data blocks, but " + copyBlocks + " COPY statements own one";
    }

    /**
     * Each statement, lexed again on its own (as the runner and linter do), is one statement with the same text and
     * kind. Not checked for COPY ... FROM STDIN (alone it has no data), for a statement that starts with U+FEFF
     * (like psql, the lexer drops a byte order mark only at the very start of a text; elsewhere it is an identifier
     * character), nor after the script turned standard_conforming_strings off (alone, its '...' strings would lex
     * with the default on).
     */
    static String statementsStandAlone(String text, List<Statement> statements) {
        if (text.toLowerCase(Locale.ROOT).contains("standard_conforming_strings")) {
            return null;
        }
        for (int s = 0; s < statements.size(); s++) {
            Statement statement = statements.get(s);
            if (statement.kind() == StatementKind.COPY_FROM_STDIN || statement.sql().charAt(0) == '\uFEFF') {
                continue;
            }
            List<Statement> again;
            try {
                again = ScriptParser.parse("alone.sql", statement.sql()).statements();
            } catch (ScriptSyntaxError e) {
                return "statement " + s + " at " + statement.line() + ":" + statement.column() + " alone is a syntax"
                        + " error: " + e.getMessage();
            }
            if (again.size() != 1 || !again.get(0).sql().equals(statement.sql()) || again.get(0).kind() != statement.kind()) {
                return "statement " + s + " at " + statement.line() + ":" + statement.column() + " alone splits into "
                        + again.size() + " statement(s)" + (again.size() == 1 ? " of kind " + again.get(0).kind()
                        + " (was " + statement.kind() + ")" : "");
            }
        }
        return null;
    }

    /** A syntax error names the input, and a line and column that exist in it. */
    static String errorLocates(String sourceName, String text, ScriptSyntaxError error) {
        int[] lineStarts = lineStarts(text);
        if (!sourceName.equals(error.sourceName()) || !error.getMessage().startsWith(sourceName + ":")) {
            return "syntax error names " + error.sourceName() + ", not " + sourceName;
        }
        if (error.line() < 1 || error.line() > lineStarts.length) {
            return "syntax error at line " + error.line() + " of a " + lineStarts.length + "-line input";
        }
        int lineEnd = error.line() < lineStarts.length ? lineStarts[error.line()] - 1 : text.length();
        if (error.column() < 1 || error.column() > lineEnd - lineStarts[error.line() - 1] + 1) {
            return "syntax error at " + error.line() + ":" + error.column() + ", past the end of that line";
        }
        return null;
    }

    private static String outside(Token token, int index) {
        return isTrivia(token) || token.type() == TokenType.SEMICOLON ? null
                : "token " + index + " (" + token.type() + " '" + abbreviate(token.text()) + "') at " + token.line() + ":"
                + token.column() + " is in no statement";
    }

    private static boolean isTrivia(Token token) {
        return token.isTrivia() || token.type() == TokenType.COPY_DATA;
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }

    /** Offsets at which the lines of {@code text} start (the first is 0). */
    static int[] lineStarts(String text) {
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        int[] starts = new int[lines];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }
}
