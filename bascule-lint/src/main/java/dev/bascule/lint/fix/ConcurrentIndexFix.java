package dev.bascule.lint.fix;

import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.SqlStatement;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.List;
import java.util.Locale;

/**
 * {@code CREATE INDEX} on a table holding rows: built {@code CONCURRENTLY} instead, which cannot run in a
 * transaction, so it moves to a new {@code -- bascule:no-transaction} migration (a comment stays in its place), or
 * stays where it is when the file already runs outside a transaction.
 */
final class ConcurrentIndexFix implements StatementFix {

    @Override
    public String ruleId() {
        return "require-concurrent-index-creation";
    }

    @Override
    public Outcome fix(FixSite site) {
        if (!(site.ddl() instanceof Ddl.CreateIndex index)) {
            return new NotFixable("the statement is not a CREATE INDEX");
        }
        if (site.migration().inExplicitTransaction(site.index())) {
            return new NotFixable("it is inside BEGIN ... COMMIT, where CREATE INDEX CONCURRENTLY cannot run: move it"
                    + " out of the transaction block");
        }
        Token indexWord = site.tokens().get(index.unique() ? 2 : 1);
        String name = index.name() == null ? "on " + index.table() : index.name();
        if (site.outsideTransaction()) {
            return new Fixed("index " + name + " built CONCURRENTLY", List.of(Edit.insert(indexWord.end(), " CONCURRENTLY")),
                    List.of());
        }
        String user = laterUserOf(site, index.name());
        if (user != null) {
            return new NotFixable("the statement at line " + user + " uses index " + index.name() + ", so the index"
                    + " cannot move to a later migration: build it CONCURRENTLY in a no-transaction migration before"
                    + " this one");
        }
        int start = site.statementStart();
        String moved = site.text().substring(start, indexWord.end()) + " CONCURRENTLY"
                + site.text().substring(indexWord.end(), site.statementEnd()) + (site.endsWithSemicolon() ? "" : ";");
        return new Fixed("index " + name + " moved to a no-transaction migration and built CONCURRENTLY",
                List.of(new Edit(start, site.statementEnd(), "-- CREATE INDEX " + name + " moved to ",
                        FollowUp.Kind.CONCURRENT_INDEX)),
                List.of(new FollowUp(FollowUp.Kind.CONCURRENT_INDEX, 1, moved)));
    }

    /** Line of a later statement of the file naming the index (ADD CONSTRAINT ... USING INDEX, CLUSTER, ...). */
    private static String laterUserOf(FixSite site, String indexName) {
        if (indexName == null) {
            return null;
        }
        List<SqlStatement> statements = site.migration().statements();
        for (int i = site.index() + 1; i < statements.size(); i++) {
            for (Token t : statements.get(i).tokens()) {
                String word = t.type() == TokenType.QUOTED_IDENTIFIER ? t.text().substring(1, t.text().length() - 1)
                        : t.type() == TokenType.WORD ? t.text().toLowerCase(Locale.ROOT) : null;
                if (indexName.equals(word)) {
                    return String.valueOf(statements.get(i).line());
                }
            }
        }
        return null;
    }
}
