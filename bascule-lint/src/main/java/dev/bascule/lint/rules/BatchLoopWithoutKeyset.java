package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Body;
import dev.bascule.lint.parse.BodyStatement;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.QName;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

/**
 * UPDATE or DELETE repeated by a LOOP or WHILE that picks its rows by re-running its WHERE each time, with no
 * key to walk: every batch rescans the rows already done, and in a DO block all batches share one transaction.
 */
public final class BatchLoopWithoutKeyset extends BodyRule {

    @Override
    public String id() {
        return "batch-loop-without-keyset";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "An UPDATE or DELETE repeated by a LOOP or WHILE without walking a key (no id > last_id).";
    }

    @Override
    public String why() {
        return "Each iteration finds its rows again from the start of the table: the loop slows down as it "
                + "advances, and loops forever if a batch leaves its rows matching. In a DO block every batch runs "
                + "in the migration's one transaction, so nothing commits early: the rows of all batches stay "
                + "locked until the end and batching spares nothing.";
    }

    @Override
    public String fix() {
        return "Let Bascule batch one plain statement (-- bascule:batch size=n in a data migration: keyset "
                + "batches, each committed on its own), or walk the key yourself (id > last_id ORDER BY id LIMIT "
                + "n) from a procedure that commits between batches.";
    }

    @Override
    void check(MigrationFile m, Body body, FindingSink out) {
        for (BodyStatement s : body.statements()) {
            Ddl ddl = s.statement().ddl();
            if (s.loop() == null || !BodyTokens.isDataChange(ddl) || s.loop().at().is("for")
                    || s.loop().at().is("foreach") || BodyTokens.variableOffset(s.statement().tokens()) >= 0
                    || walksAKey(s)) {
                continue; // FOR loops are driven by their cursor; OFFSET paging is batch-loop-offset-paging
            }
            QName table = ddl instanceof Ddl.Update u ? u.table() : ((Ddl.Delete) ddl).table();
            String verb = ddl instanceof Ddl.Update ? "UPDATE" : "DELETE";
            String transaction = body.runsNow() ? ": in a DO block all its batches share one transaction, so "
                    + "every row stays locked until the migration commits" : "";
            report(m, body, s, s.statement().first(), defaultSeverity(), verb + " of " + table + " repeated by a "
                    + s.loop().at().text().toUpperCase(java.util.Locale.ROOT) + " " + where(body)
                    + " finds its rows again every time (no key walked)" + transaction,
                    "-- in a data migration (-- bascule:data in its header), one statement batched by key:\n"
                            + "-- bascule:batch size=1000\n" + verb + " ... ;  -- the loop's statement, without "
                            + "LIMIT or the id IN (...) batching", table, out);
        }
    }

    /** A range comparison ({@code id > last}, {@code >=}, BETWEEN) in the statement: it walks a key. */
    private static boolean walksAKey(BodyStatement s) {
        for (Token t : s.statement().tokens()) {
            if ((t.type() == TokenType.OPERATOR && (t.text().equals(">") || t.text().equals(">=")
                    || t.text().equals("<") || t.text().equals("<="))) || t.is("between")) {
                return true;
            }
        }
        return false;
    }
}
