package dev.bascule.lint.fix;

import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.sql.Token;

import java.util.List;

/**
 * {@code ALTER COLUMN c SET NOT NULL} on a table holding rows becomes {@code ADD CONSTRAINT x CHECK (c IS NOT NULL)
 * NOT VALID} in place; the following migration validates it (a scan that blocks nobody), then sets NOT NULL, which
 * PostgreSQL 12+ proves from the valid check without scanning, and drops the check. The check is named
 * {@code <table>_<column>_not_null_check}: PostgreSQL 18 names the NOT NULL constraint itself
 * {@code <table>_<column>_not_null}. SET NOT NULL and DROP
 * CONSTRAINT stay two statements: in one ALTER TABLE, PostgreSQL would drop the check before setting NOT NULL.
 */
final class NotNullCheckFix implements StatementFix {

    @Override
    public String ruleId() {
        return "setting-not-null";
    }

    @Override
    public Outcome fix(FixSite site) {
        if (!(site.ddl() instanceof Ddl.AlterTable alter) || !(site.action() instanceof AlterAction.SetNotNull set)) {
            return new NotFixable("the statement is not an ALTER TABLE ... ALTER COLUMN ... SET NOT NULL");
        }
        int[] span = site.actionSpan(alter, set);
        int columnToken = span[0] + (site.tokens().get(span[0] + 1).is("column") ? 2 : 1);
        Token column = site.tokens().get(columnToken);
        String col = column.text();
        String table = site.alterTableName(alter);
        String check = FixSite.constraintName(alter.table().name(), set.column(), "not_null_check");
        Edit inPlace = Edit.replace(site.tokens().get(span[0]).start(), site.tokens().get(span[1]).end(),
                "ADD CONSTRAINT " + check + " CHECK (" + col + " IS NOT NULL) NOT VALID");
        return new Fixed("SET NOT NULL on " + col + " became CHECK (" + col + " IS NOT NULL) NOT VALID; the next"
                + " migration validates it, sets NOT NULL without a scan and drops the check", List.of(inPlace), List.of(
                new FollowUp(FollowUp.Kind.VALIDATE, 1, "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check + ";"),
                new FollowUp(FollowUp.Kind.VALIDATE, 2, "-- The valid " + check + " proves there is no NULL: PostgreSQL 12+ sets NOT NULL without a scan.\n"
                        + "-- bascule:ignore setting-not-null\n"
                        + "ALTER TABLE " + table + " ALTER COLUMN " + col + " SET NOT NULL;"),
                new FollowUp(FollowUp.Kind.VALIDATE, 3, "ALTER TABLE " + table + " DROP CONSTRAINT " + check + ";")));
    }
}
