package dev.bascule.sql;

import java.util.List;

/**
 * Checks that statements cover a script exactly: each statement's text sits at its line and column, in order,
 * and everything between statements is white space, comments, {@code ;} or a COPY's data block.
 */
final class Coverage {

    private Coverage() {
    }

    /** @return null when the statements cover {@code text}, else a description of the first problem */
    static String check(String text, List<Statement> statements) {
        int[] lineStarts = lineStarts(text);
        int pos = 0;
        for (Statement statement : statements) {
            int offset = lineStarts[statement.line() - 1] + statement.column() - 1;
            if (offset < pos) {
                return "statement at " + statement.line() + ":" + statement.column() + " overlaps the previous one";
            }
            String gap = gapProblem(text.substring(pos, offset));
            if (gap != null) {
                return "before " + statement.line() + ":" + statement.column() + ": " + gap;
            }
            if (!text.startsWith(statement.sql(), offset)) {
                return "statement at " + statement.line() + ":" + statement.column() + " is not the source text there";
            }
            pos = offset + statement.sql().length();
            if (statement.copyData() != null) {
                int newline = text.indexOf('\n', pos);
                String rest = gapProblem(text.substring(pos, newline + 1));
                if (rest != null) {
                    return "after COPY at " + statement.line() + ": " + rest;
                }
                pos = newline + 1;
                if (!text.startsWith(statement.copyData(), pos)) {
                    return "COPY data at " + statement.line() + " is not the source text after the statement";
                }
                pos += statement.copyData().length();
                if (!text.startsWith("\\.", pos)) {
                    return "COPY data at " + statement.line() + " is not followed by \\.";
                }
                int end = text.indexOf('\n', pos);
                pos = end < 0 ? text.length() : end + 1;
            }
        }
        return gapProblem(text.substring(pos));
    }

    private static String gapProblem(String gap) {
        for (Token token : Lexer.tokenize("gap", gap)) {
            if (!token.isTrivia() && token.type() != TokenType.SEMICOLON) {
                return "unexpected " + token.type() + " between statements";
            }
        }
        return null;
    }

    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }
}
