package dev.bascule.lint.rules;

import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.SqlStatement;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Token-level questions the loop rules ask about a statement of a routine body: where it pages with OFFSET,
 * which columns its paged query filters on and which its UPDATE changes.
 */
final class BodyTokens {

    private static final Set<String> CLAUSE_ENDS = Set.of("order", "limit", "offset", "group", "having", "window",
            "union", "returning", "for", "fetch");

    private BodyTokens() {
    }

    /** Index of the first {@code OFFSET x} whose x is not a constant (a variable or expression), or -1. */
    static int variableOffset(List<Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("offset")) {
                Token next = tokens.get(i + 1);
                if (next.type() != TokenType.NUMBER && next.type() != TokenType.SEMICOLON) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * The words of the WHERE clause of the query that holds the token at {@code at} (the innermost parenthesised
     * query around it, or the statement itself), folded to lower case: the columns a paged query filters on.
     */
    static Set<String> predicateWords(List<Token> tokens, int at) {
        int start = enclosingGroupStart(tokens, at);
        Set<String> words = new HashSet<>();
        int depth = 0;
        boolean inWhere = false;
        for (int i = start; i < at; i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.LEFT_PAREN) {
                depth++;
            } else if (t.type() == TokenType.RIGHT_PAREN) {
                depth--;
            } else if (depth == 0 && t.is("where")) {
                inWhere = true;
            } else if (depth == 0 && t.type() == TokenType.WORD && CLAUSE_ENDS.contains(lower(t))) {
                inWhere = false;
            } else if (inWhere && (t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENTIFIER)) {
                words.add(lower(t));
            }
        }
        return words;
    }

    /** The FROM table word of the query holding token {@code at}, folded, or {@code null}. */
    static String fromTable(List<Token> tokens, int at) {
        int start = enclosingGroupStart(tokens, at);
        int depth = 0;
        for (int i = start; i + 1 < at; i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.LEFT_PAREN) {
                depth++;
            } else if (t.type() == TokenType.RIGHT_PAREN) {
                depth--;
            } else if (depth == 0 && t.is("from")) {
                Token table = tokens.get(i + 1);
                if (i + 3 < at && tokens.get(i + 2).type() == TokenType.DOT) {
                    table = tokens.get(i + 3);
                }
                return lower(table);
            }
        }
        return null;
    }

    /** The columns an UPDATE's SET clause assigns ({@code a = ..., (b, c) = ...}), folded. */
    static Set<String> assignedColumns(List<Token> tokens) {
        Set<String> columns = new HashSet<>();
        int set = indexOfTopLevel(tokens, "set", 0);
        if (set < 0) {
            return columns;
        }
        int depth = 0;
        for (int i = set + 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.LEFT_PAREN) {
                depth++;
            } else if (t.type() == TokenType.RIGHT_PAREN) {
                depth--;
            } else if (depth == 0 && (t.is("where") || t.is("from") || t.is("returning"))) {
                break;
            } else if (depth <= 1 && (t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENTIFIER)
                    && i + 1 < tokens.size() && (isEquals(tokens.get(i + 1))
                    || (depth == 1 && (tokens.get(i + 1).type() == TokenType.COMMA
                    || tokens.get(i + 1).type() == TokenType.RIGHT_PAREN) && tupleAssignment(tokens, i)))) {
                columns.add(lower(t));
            }
        }
        return columns;
    }

    /** The text of an UPDATE's SET clause, without SET, as written. */
    static String setClause(SqlStatement s) {
        List<Token> tokens = s.tokens();
        int set = indexOfTopLevel(tokens, "set", 0);
        if (set < 0 || set + 1 >= tokens.size()) {
            return "";
        }
        int end = indexOfTopLevel(tokens, "where", set);
        for (String stop : new String[] {"from", "returning"}) {
            int other = indexOfTopLevel(tokens, stop, set);
            end = end < 0 ? other : other < 0 ? end : Math.min(end, other);
        }
        return text(s, set + 1, end < 0 ? lastSignificant(tokens) + 1 : end);
    }

    /** The text of a query's WHERE predicate around token {@code at} (see {@link #predicateWords}), or "". */
    static String predicate(SqlStatement s, int at) {
        List<Token> tokens = s.tokens();
        int start = enclosingGroupStart(tokens, at);
        int where = indexOfTopLevel(tokens.subList(0, at), "where", start);
        if (where < 0) {
            return "";
        }
        int end = at;
        int depth = 0;
        for (int i = where + 1; i < at; i++) {
            Token t = tokens.get(i);
            depth += t.type() == TokenType.LEFT_PAREN ? 1 : t.type() == TokenType.RIGHT_PAREN ? -1 : 0;
            if (depth == 0 && t.type() == TokenType.WORD && CLAUSE_ENDS.contains(lower(t))) {
                end = i;
                break;
            }
        }
        return text(s, where + 1, end);
    }

    /** The constant after LIMIT in the query holding token {@code at}, or {@code null}. */
    static String limit(List<Token> tokens, int at) {
        for (int i = enclosingGroupStart(tokens, at); i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("limit") && tokens.get(i + 1).type() == TokenType.NUMBER) {
                return tokens.get(i + 1).text();
            }
        }
        return null;
    }

    /** The first call of one of {@code functions} ({@code name(}) in the tokens, or {@code null}. */
    static Token call(List<Token> tokens, Set<String> functions) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.WORD && tokens.get(i + 1).type() == TokenType.LEFT_PAREN
                    && functions.contains(lower(t))) {
                return t;
            }
        }
        return null;
    }

    static boolean isDataChange(Ddl ddl) {
        return ddl instanceof Ddl.Update || ddl instanceof Ddl.Delete;
    }

    private static boolean tupleAssignment(List<Token> tokens, int i) {
        int depth = 0;
        for (int j = i + 1; j < tokens.size(); j++) {
            Token t = tokens.get(j);
            if (t.type() == TokenType.LEFT_PAREN) {
                depth++;
            } else if (t.type() == TokenType.RIGHT_PAREN) {
                if (depth == 0) {
                    return j + 1 < tokens.size() && isEquals(tokens.get(j + 1));
                }
                depth--;
            }
        }
        return false;
    }

    private static boolean isEquals(Token t) {
        return t.type() == TokenType.OPERATOR && t.text().equals("=");
    }

    /** Start of the innermost parenthesised group holding index {@code at} (just after its "("), or 0. */
    private static int enclosingGroupStart(List<Token> tokens, int at) {
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            TokenType type = tokens.get(i).type();
            if (type == TokenType.RIGHT_PAREN) {
                depth++;
            } else if (type == TokenType.LEFT_PAREN) {
                if (depth == 0) {
                    return i + 1;
                }
                depth--;
            }
        }
        return 0;
    }

    private static int indexOfTopLevel(List<Token> tokens, String word, int from) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.LEFT_PAREN) {
                depth++;
            } else if (t.type() == TokenType.RIGHT_PAREN) {
                depth--;
            } else if (depth == 0 && t.is(word)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastSignificant(List<Token> tokens) {
        int last = tokens.size() - 1;
        return last > 0 && tokens.get(last).type() == TokenType.SEMICOLON ? last - 1 : last;
    }

    /** Source text of tokens {@code [from, to)} of a statement, as written. */
    static String text(SqlStatement s, int from, int to) {
        if (from >= to) {
            return "";
        }
        int base = s.first().start();
        return s.sql().substring(s.tokens().get(from).start() - base, s.tokens().get(to - 1).end() - base).strip();
    }

    private static String lower(Token t) {
        return t.type() == TokenType.QUOTED_IDENTIFIER ? t.text().replace("\"", "") : t.text().toLowerCase(Locale.ROOT);
    }
}
