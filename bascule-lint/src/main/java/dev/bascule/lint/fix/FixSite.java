package dev.bascule.lint.fix;

import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.SqlStatement;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a finding points, as a fix needs it: the parsed statement, the ALTER TABLE sub-command (when the finding
 * is at one), and the file's text. Every position comes from the linter's tokens, whose offsets are the file's.
 *
 * @param index  the statement's index in {@link MigrationFile#statements()}
 * @param action             the ALTER TABLE sub-command the finding points at, or {@code null}
 * @param outsideTransaction the fixed file runs statement by statement ({@code -- bascule:no-transaction}, already
 *                           or once fixed), so an index can be built CONCURRENTLY where it is
 */
record FixSite(MigrationFile migration, int index, SqlStatement statement, AlterAction action, Finding finding,
               String text, boolean outsideTransaction) {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");
    private static final int MAX_IDENTIFIER = 63;

    Ddl ddl() {
        return statement.ddl();
    }

    List<Token> tokens() {
        return statement.tokens();
    }

    /** Position of {@code token} (the same token, by offset) in the statement's tokens, or -1. */
    int tokenIndex(Token token) {
        List<Token> tokens = tokens();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).start() == token.start()) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the statement's last token before its semicolon. */
    int lastBodyToken() {
        List<Token> tokens = tokens();
        int last = tokens.size() - 1;
        return tokens.get(last).type() == TokenType.SEMICOLON ? last - 1 : last;
    }

    /** Offset just after the statement's last character, semicolon included when it has one. */
    int statementEnd() {
        return tokens().get(tokens().size() - 1).end();
    }

    boolean endsWithSemicolon() {
        return tokens().get(tokens().size() - 1).type() == TokenType.SEMICOLON;
    }

    int statementStart() {
        return statement.first().start();
    }

    /** Token indexes {@code [first, last]} of the ALTER TABLE sub-command {@code a}: up to the next one's comma. */
    int[] actionSpan(Ddl.AlterTable alter, AlterAction a) {
        int first = tokenIndex(a.at());
        int next = alter.actions().indexOf(a) + 1;
        int last = next < alter.actions().size() ? tokenIndex(alter.actions().get(next).at()) - 2 : lastBodyToken();
        return new int[] {first, last};
    }

    /** The file's text of tokens {@code [from, to]}, as written. */
    String source(int from, int to) {
        return text.substring(tokens().get(from).start(), tokens().get(to).end());
    }

    /** The table of an ALTER TABLE as written (quotes and schema kept): the text before its first sub-command. */
    String alterTableName(Ddl.AlterTable alter) {
        int i = 2; // ALTER TABLE
        List<Token> tokens = tokens();
        while (tokens.get(i).is("if") || tokens.get(i).is("exists") || tokens.get(i).is("only")) {
            i++;
        }
        int end = tokenIndex(alter.actions().get(0).at()) - 1;
        if (tokens.get(end).type() == TokenType.OPERATOR && tokens.get(end).text().equals("*")) {
            end--;
        }
        return source(i, end);
    }

    /** A new constraint name, quoted only when it must be, at most 63 characters as PostgreSQL keeps them. */
    static String constraintName(String table, String column, String suffix) {
        String base = (table + (column == null ? "" : "_" + column)).replace("\"", "");
        int room = MAX_IDENTIFIER - suffix.length() - 1;
        if (base.length() > room) {
            base = base.substring(0, room);
        }
        String name = base + "_" + suffix;
        return quoteIfNeeded(name);
    }

    static String quoteIfNeeded(String identifier) {
        return PLAIN_IDENTIFIER.matcher(identifier).matches() && identifier.equals(identifier.toLowerCase(Locale.ROOT))
                ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
