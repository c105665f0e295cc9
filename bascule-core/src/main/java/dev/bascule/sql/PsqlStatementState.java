package dev.bascule.sql;

import java.util.Arrays;

/**
 * psql's per-statement lexer state (psqlscan.l): parenthesis depth and the heuristic that keeps
 * {@code ;} inside a SQL-standard body ({@code BEGIN ATOMIC ... END}) from ending the statement, plus the
 * top-level words the classifier reads.
 */
final class PsqlStatementState {

    private final String text;
    private final TopLevelWords words;
    private final char[] identifiers = new char[4];
    private int parenDepth;
    private int beginDepth;
    private int identifierCount;
    private int significantTokens;
    private int line;
    private int startOffset;
    private int column;

    PsqlStatementState(String text) {
        this.text = text;
        this.words = new TopLevelWords(text);
    }

    void reset() {
        parenDepth = 0;
        beginDepth = 0;
        identifierCount = 0;
        significantTokens = 0;
        words.clear();
    }

    TopLevelWords words() {
        return words;
    }

    int significantTokens() {
        return significantTokens;
    }

    /** Line of the statement's first significant token. */
    int line() {
        return line;
    }

    /** Offset of the statement's first significant token in the text. */
    int startOffset() {
        return startOffset;
    }

    int column() {
        return column;
    }

    /** Takes one significant (non-trivia) token; true when it is a ";" that ends the statement for psql. */
    boolean accept(TokenType type, int start, int end, int tokenLine, int tokenColumn) {
        if (significantTokens == 0) {
            line = tokenLine;
            startOffset = start;
            column = tokenColumn;
        }
        int ordinal = significantTokens++;
        switch (type) {
            case WORD -> {
                if (parenDepth == 0) {
                    words.add(start, end, ordinal);
                }
                trackBeginEnd(start, end);
            }
            case LEFT_PAREN -> parenDepth++;
            case RIGHT_PAREN -> {
                if (parenDepth > 0) {
                    parenDepth--;
                }
            }
            case SEMICOLON -> {
                return parenDepth == 0 && beginDepth == 0;
            }
            default -> {
            }
        }
        return false;
    }

    /**
     * psql's heuristic, word for word: once a statement starts with CREATE [OR REPLACE] FUNCTION/PROCEDURE,
     * BEGIN (and CASE inside it) ... END at parenthesis depth 0 nest. It records the first letter of the first
     * four words when they are create/function/procedure/or/replace.
     */
    private void trackBeginEnd(int start, int end) {
        if (identifierCount == 0) {
            Arrays.fill(identifiers, '\0');
        }
        if (identifierCount < identifiers.length && (is(start, end, "create") || is(start, end, "function")
                || is(start, end, "procedure") || is(start, end, "or") || is(start, end, "replace"))) {
            identifiers[identifierCount] = Character.toLowerCase(text.charAt(start));
        }
        identifierCount++;
        boolean routine = identifiers[0] == 'c' && (identifiers[1] == 'f' || identifiers[1] == 'p'
                || (identifiers[1] == 'o' && identifiers[2] == 'r' && (identifiers[3] == 'f' || identifiers[3] == 'p')));
        if (!routine || parenDepth != 0) {
            return;
        }
        if (is(start, end, "begin")) {
            beginDepth++;
        } else if (is(start, end, "case")) {
            if (beginDepth >= 1) {
                beginDepth++;
            }
        } else if (is(start, end, "end") && beginDepth > 0) {
            beginDepth--;
        }
    }

    private boolean is(int start, int end, String keyword) {
        return end - start == keyword.length() && text.regionMatches(true, start, keyword, 0, keyword.length());
    }
}
