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
            name = FixSite.constraintName(alter.table().name(), foreign ? firstColumn(site, constraint) : null,
                    foreign ? "fkey" : "check");
            edits.add(Edit.insert(constraint.at().start(), "CONSTRAINT " + name + " "));
        }
        edits.add(Edit.insert(site.tokens().get(span[1]).end(), " NOT VALID"));
        String validate = "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name + ";";
        return new Fixed("constraint " + name + " added NOT VALID, validated in the next migration", edits,
                List.of(new FollowUp(FollowUp.Kind.VALIDATE, 1, validate)));
    }

    /** The first column of {@code FOREIGN KEY (col, ...)}, as PostgreSQL names the constraint after it. */
    private static String firstColumn(FixSite site, TableConstraint constraint) {
        int i = site.tokenIndex(constraint.at());
        while (i < site.tokens().size() && site.tokens().get(i).type() != TokenType.LEFT_PAREN) {
            i++;
        }
        Token column = site.tokens().get(i + 1);
        return column.type() == TokenType.QUOTED_IDENTIFIER ? column.text().replace("\"", "") : column.text()
                .toLowerCase(java.util.Locale.ROOT);
    }
}
