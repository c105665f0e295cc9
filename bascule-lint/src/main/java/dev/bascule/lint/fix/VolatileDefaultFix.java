package dev.bascule.lint.fix;

import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.List;
import java.util.Set;

/**
 * {@code ADD COLUMN c type DEFAULT volatile()} on a table holding rows: the column is added without the default
 * (no rewrite), the default is set by a statement right after it (new rows get it from then on, nothing is
 * rewritten), and a new data migration fills the existing rows in keyset batches ({@code -- bascule:batch}). The
 * default is set before the backfill, not after, so that no row inserted while the backfill runs is left NULL.
 */
final class VolatileDefaultFix implements StatementFix {

    /** Where a DEFAULT expression ends, as the linter's parser reads a column definition. */
    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("constraint", "not", "null", "primary",
            "unique", "references", "check", "generated", "collate", "deferrable", "initially", "default");

    static final int BATCH_SIZE = 5000;

    @Override
    public String ruleId() {
        return "adding-volatile-default";
    }

    @Override
    public Outcome fix(FixSite site) {
        if (!(site.ddl() instanceof Ddl.AlterTable alter) || !(site.action() instanceof AlterAction.AddColumn add)) {
            return new NotFixable("the statement is not an ALTER TABLE ... ADD COLUMN");
        }
        ColumnDef column = add.column();
        if (column.notNull() || column.primaryKey() || column.unique() || column.identity() || column.generatedStored()
                || column.references() != null || column.checkText() != null) {
            return new NotFixable("column " + column.name() + " has constraints besides its default (NOT NULL, UNIQUE,"
                    + " REFERENCES, CHECK, ...): existing rows would need the value at once; add it nullable without"
                    + " them, backfill, then add the constraints as their rules suggest");
        }
        int[] span = site.actionSpan(alter, add);
        int defaultWord = -1;
        for (int i = site.tokenIndex(column.at()) + 1; i <= span[1]; i++) {
            if (site.tokens().get(i).is("default")) {
                defaultWord = i;
                break;
            }
        }
        if (defaultWord < 0) {
            return new NotFixable("the DEFAULT clause of " + column.name() + " was not found where the linter read it");
        }
        int lastOfDefault = endOfExpression(site.tokens(), defaultWord + 1, span[1]);
        String expression = site.source(defaultWord + 1, lastOfDefault);
        String table = site.alterTableName(alter);
        String col = column.at().text();
        int removeFrom = site.tokens().get(defaultWord - 1).end();
        Edit dropDefault = Edit.replace(removeFrom, site.tokens().get(lastOfDefault).end(), "");
        Edit setDefault = Edit.insert(site.statementEnd(), (site.endsWithSemicolon() ? "" : ";") + "\nALTER TABLE "
                + table + " ALTER COLUMN " + col + " SET DEFAULT " + expression + ";");
        String backfill = "-- bascule:batch size=" + BATCH_SIZE + "\nUPDATE " + table + " SET " + col + " = " + expression
                + " WHERE " + col + " IS NULL;";
        return new Fixed("column " + col + " added without DEFAULT " + expression + ", default set after it, existing"
                + " rows backfilled in batches by a data migration", List.of(dropDefault, setDefault),
                List.of(new FollowUp(FollowUp.Kind.BACKFILL, 1, backfill)));
    }

    /** Index of the last token of the expression starting at {@code from}, never past {@code last}. */
    private static int endOfExpression(List<Token> tokens, int from, int last) {
        int depth = 0;
        int i = from;
        if (tokens.get(i).type() == TokenType.LEFT_PAREN) {
            i = closing(tokens, i) + 1;
        } else {
            i++;
        }
        for (; i <= last; i++) {
            Token t = tokens.get(i);
            TokenType type = t.type();
            if (depth == 0 && (type == TokenType.COMMA || type == TokenType.RIGHT_PAREN || type == TokenType.SEMICOLON
                    || (type == TokenType.WORD && COLUMN_CONSTRAINT_WORDS.contains(t.text().toLowerCase(java.util.Locale.ROOT))))) {
                break;
            }
            if (type == TokenType.LEFT_PAREN || type == TokenType.LEFT_BRACKET) {
                depth++;
            } else if (type == TokenType.RIGHT_PAREN || type == TokenType.RIGHT_BRACKET) {
                depth--;
            }
        }
        return Math.min(i, last + 1) - 1;
    }

    private static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).type() == TokenType.LEFT_PAREN) {
                depth++;
            } else if (tokens.get(i).type() == TokenType.RIGHT_PAREN && --depth == 0) {
                return i;
            }
        }
        return tokens.size() - 1;
    }
}
