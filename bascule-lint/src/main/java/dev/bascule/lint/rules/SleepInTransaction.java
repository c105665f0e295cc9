package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Body;
import dev.bascule.lint.parse.BodyStatement;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.sql.Token;

import java.util.Set;

/** pg_sleep while a transaction is open: in a wrapped migration, an explicit BEGIN, or a DO block. */
public final class SleepInTransaction implements Rule {

    private static final Set<String> SLEEPS = Set.of("pg_sleep", "pg_sleep_for", "pg_sleep_until");

    @Override
    public String id() {
        return "sleep-in-transaction";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "pg_sleep inside a transaction (a migration the runner wraps, BEGIN ... COMMIT, or a DO block).";
    }

    @Override
    public String why() {
        return "Locks are held until the transaction ends, so a pause meant to spare the database holds every "
                + "lock and row the transaction has taken for longer, and replicas see nothing until the commit.";
    }

    @Override
    public String fix() {
        return "Pause between transactions, not inside one: -- bascule:batch size=n pause=100ms runs batches each "
                + "in its own transaction and sleeps between them.";
    }

    @Override
    public void check(MigrationFile m, FindingSink out) {
        for (int i = 0; i < m.statements().size(); i++) {
            // Only a query calls pg_sleep usefully (SELECT, CALL): no need to read the tokens of data changes.
            if (!m.statement(i).embedded() && m.transaction(i) >= 0 && m.statement(i).ddl() instanceof Ddl.Opaque) {
                Token sleep = BodyTokens.call(m.statement(i).tokens(), SLEEPS);
                if (sleep != null) {
                    out.report(i, sleep, "pg_sleep " + (m.inExplicitTransaction(i) ? "inside BEGIN ... COMMIT"
                            : "inside the transaction the runner wraps around this file") + " holds its locks "
                            + "while it sleeps", PAUSE, null);
                }
            }
        }
        for (Body body : m.bodies()) {
            if (!body.runsNow() || body.problem() != null) {
                continue;
            }
            for (BodyStatement s : body.statements()) {
                Token sleep = BodyTokens.call(s.statement().tokens(), SLEEPS);
                if (sleep != null) {
                    BodyRule.report(m, body, s, sleep, defaultSeverity(), "pg_sleep in a DO block sleeps inside "
                            + "the DO's transaction, holding every lock it took", PAUSE, null, out);
                }
            }
        }
    }

    private static final String PAUSE = "-- in a data migration, between batches that each commit:\n"
            + "-- bascule:batch size=1000 pause=100ms\nUPDATE ... ;";
}
