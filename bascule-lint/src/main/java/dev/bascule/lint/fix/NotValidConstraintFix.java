package dev.bascule.lint.fix;

import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.TableConstraint;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.List;

/**
 * A FOREIGN KEY or CHECK added to a table holding rows: added {@code NOT VALID} in place (no scan; new rows are
 * checked at once), validated in the following migration under SHARE UPDATE EXCLUSIVE. An unnamed constraint
 * gets a name, since VALIDATE needs one.
 */
final class NotValidConstraintFix implements StatementFix {

    private final String ruleId;

    NotValidConstraintFix(String ruleId) {
        this.ruleId = ruleId;
    }

    @Override
    public String ruleId() {
        return ruleId;
    }

    @Override
    public Outcome fix(FixSite site) {
        if (!(site.ddl() instanceof Ddl.AlterTable alter) || !(site.action() instanceof AlterAction.AddConstraint add)) {
            return new NotFixable("a new column's inline " + (ruleId.contains("foreign") ? "REFERENCES" : "CHECK")
                    + " cannot be added NOT VALID: add the column alone, then the constraint with ADD CONSTRAINT"
                    + " ... NOT VALID and VALIDATE it in a later migration");
        }
        TableConstraint constraint = add.constraint();
        int[] span = site.actionSpan(alter, add);
        String table = site.alterTableName(alter);
        List<Edit> edits = new ArrayList<>();
        String name;
        if (constraint.name() != null) {
            int nameToken = site.tokenIndex(constraint.at()) + 1;
            name = site.source(nameToken, nameToken);
        } else {
            boolean foreign = constraint.kind() == TableConstraint.Kind.FOREIGN_KEY;
            String column = foreign ? firstColumn(site, constraint) : null;
            int earlier = unnamedBefore(site, alter, add);
            name = FixSite.constraintName(alter.table().name(), column, (foreign ? "fkey" : "check")
                    + (earlier == 0 ? "" : String.valueOf(earlier)));
            edits.add(Edit.insert(constraint.at().start(), "CONSTRAINT " + name + " "));
        }
        edits.add(Edit.insert(site.tokens().get(span[1]).end(), " NOT VALID"));
        String validate = "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name + ";";
        return new Fixed("constraint " + name + " added NOT VALID, validated in the next migration", edits,
                List.of(new FollowUp(FollowUp.Kind.VALIDATE, 1, validate)));
    }

    /**
     * How many unnamed constraints of the same kind (and, for foreign keys, first column) on the same table come
     * before {@code add} in the file: each gets its own name, {@code t_check}, {@code t_check1}, ..., as PostgreSQL
     * numbers the names it generates.
     */
    private static int unnamedBefore(FixSite site, Ddl.AlterTable alter, AlterAction.AddConstraint add) {
        int count = 0;
        for (int i = 0; i <= site.index(); i++) {
            if (!(site.migration().statement(i).ddl() instanceof Ddl.AlterTable other)
                    || !other.table().equals(alter.table())) {
                continue;
            }
            for (AlterAction a : other.actions()) {
                if (a == add) {
                    return count;
                }
                if (a instanceof AlterAction.AddConstraint c && c.constraint().name() == null
                        && c.constraint().kind() == add.constraint().kind()
                        && (c.constraint().kind() != TableConstraint.Kind.FOREIGN_KEY
                        || firstColumn(site.migration().statement(i).tokens(), c.constraint())
                        .equals(firstColumn(site.tokens(), add.constraint())))) {
                    count++;
                }
            }
        }
        return count;
    }

    private static String firstColumn(FixSite site, TableConstraint constraint) {
        return firstColumn(site.tokens(), constraint);
    }

    /** The first column of {@code FOREIGN KEY (col, ...)}, as PostgreSQL names the constraint after it. */
    private static String firstColumn(List<Token> tokens, TableConstraint constraint) {
        int i = 0;
        while (tokens.get(i).start() != constraint.at().start()) {
            i++;
        }
        while (i < tokens.size() && tokens.get(i).type() != TokenType.LEFT_PAREN) {
            i++;
        }
        Token column = tokens.get(i + 1);
        return column.type() == TokenType.QUOTED_IDENTIFIER ? column.text().replace("\"", "") : column.text()
                .toLowerCase(java.util.Locale.ROOT);
    }
}
