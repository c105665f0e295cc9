package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Body;
import dev.bascule.lint.parse.BodyStatement;
import dev.bascule.lint.parse.QName;
import dev.bascule.sql.Token;

/**
 * A rule about the statements of DO blocks and plpgsql/sql routine bodies, with their loops. Findings point into
 * the body; those in a DO body carry the lock of the statement they are about.
 */
abstract class BodyRule implements Rule {

    @Override
    public final void check(MigrationFile migration, FindingSink out) {
        for (Body body : migration.bodies()) {
            if (body.problem() == null) {
                check(migration, body, out);
            }
        }
    }

    abstract void check(MigrationFile migration, Body body, FindingSink out);

    /** Reports at {@code at} inside statement {@code s} of {@code body}. */
    static void report(MigrationFile m, Body body, BodyStatement s, Token at, Severity severity, String message,
                       String safeSql, QName table, FindingSink out) {
        int index = body.runsNow() ? m.indexOf(s.statement()) : -1;
        if (index >= 0) {
            out.report(index, at, severity, message, safeSql, table);
        } else {
            out.reportAt(s.statement().file(), at, severity, message, safeSql, table);
        }
    }

    /** "in a DO block" or "in function f". */
    static String where(Body body) {
        return body.runsNow() ? "in a DO block" : "in " + body.routine().kind().name().toLowerCase(java.util.Locale.ROOT)
                + " " + body.routine().name();
    }
}
