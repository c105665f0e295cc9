package dev.bascule.lint.rules;

import dev.bascule.lint.Linter;
import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.LockMode;
import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.observed.ObservedLocks;
import dev.bascule.lint.observed.ObservedStatement;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.SqlStatement;
import dev.bascule.trace.LockLevel;
import dev.bascule.trace.Relation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code lint --trace}: where what the server did on the shadow copy contradicts the linter. Only a traced run
 * feeds it ({@code LintContext.observed()}); linting files alone, it never fires.
 */
public final class ObservedLock implements Rule {

    public static final String ID = "observed-lock";

    /**
     * The rules whose findings are about a statement rewriting or reading a table whole under a blocking lock: a
     * rewrite or scan one of them flags is already reported. Other findings on the statement (a missing
     * lock_timeout, a naming convention) do not mention it.
     */
    static final Set<String> REWRITE_AND_SCAN_RULES = Set.of("adding-check-constraint", "adding-exclusion-constraint",
            "adding-foreign-key-constraint", "adding-not-nullable-field", "adding-primary-key-constraint",
            "adding-serial-column", "adding-stored-generated-column", "adding-volatile-default", "ban-cluster",
            "ban-vacuum-full", "ban-domain-constraint", "changing-column-type", "disallowed-unique-constraint",
            "require-concurrent-index-creation", "require-concurrent-reindex", "setting-logged", "setting-not-null");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "With lint --trace: a statement took a lock the application feels more than the linter predicted, or"
                + " rewrote or read a table whole under ACCESS EXCLUSIVE while no other rule flags it (an error when"
                + " reads wait).";
    }

    @Override
    public String why() {
        return "The linter predicts locks from the statement's text; functions, triggers, DO blocks, foreign keys"
                + " and statements it does not parse can take more. bascule trace applied the migration to a shadow"
                + " copy and read pg_locks, relfilenode and the scan counters: this is what PostgreSQL really did, and"
                + " the application queues behind it for as long as the statement (or its transaction) runs."
                + " Fixture-tested with observations written in the fixture's header; the real measurement needs a"
                + " database (LintTraceTest, LintTraceCommandTest).";
    }

    @Override
    public String fix() {
        return "Read the observed lock and facts on the finding. Split the statement out or use the non-blocking form"
                + " (NOT VALID then VALIDATE, CONCURRENTLY, a nullable column then a batched backfill), keep the"
                + " transaction short and lock_timeout set; or, when the lock is acceptable, suppress with a reason.";
    }

    @Override
    public void check(MigrationFile m, FindingSink out) {
        ObservedLocks observed = m.context().observed();
        if (observed == null) {
            return;
        }
        List<Finding> others = null;
        List<SqlStatement> statements = m.statements();
        for (int i = 0; i < statements.size(); i++) {
            if (m.host(i) >= 0) {
                continue; // a DO body's statement: traced as part of its DO
            }
            SqlStatement s = statements.get(i);
            Optional<ObservedStatement> seen = observed.at(s.file(), s.line(), s.column());
            if (seen.isEmpty() || seen.get().secret()) {
                continue;
            }
            LockMode predicted = predicted(m, i);
            List<String> said = new ArrayList<>();
            LockMode shown = LockMode.NONE;
            Optional<LockLevel> taken = seen.get().strongestTaken();
            if (taken.isPresent() && impact(ObservedStatement.mode(taken.get())) > impact(predicted)) {
                shown = ObservedStatement.mode(taken.get());
                said.add("took " + taken.get().sqlName() + " on " + names(seen.get().takenOn(taken.get()))
                        + " where the linter predicted " + (predicted == LockMode.NONE ? "no table lock"
                        : predicted.sqlName()));
            }
            // TRUNCATE replaces the storage with an empty file: a rewrite that takes no time.
            List<Relation> underLock = s.ddl() instanceof Ddl.Truncate ? List.of()
                    : seen.get().rewrittenOrScannedUnderAccessExclusive();
            if (!underLock.isEmpty()) {
                if (others == null) {
                    others = otherFindings(m);
                }
                if (!said.isEmpty() || noneWithin(others, m, i)) {
                    shown = LockMode.ACCESS_EXCLUSIVE;
                    said.add(whatUnderLock(seen.get(), underLock) + " while holding ACCESS EXCLUSIVE: reads and writes"
                            + " of " + names(underLock) + " wait until the transaction ends"
                            + (said.isEmpty() ? ", and no rule about rewrites or scans flags this statement" : ""));
                }
            }
            if (!said.isEmpty()) {
                Severity severity = shown.blocksReads() ? Severity.ERROR : defaultSeverity();
                out.findings().add(new Finding(ID, severity, s.file(), s.line(), s.column(),
                        "trace: the server " + String.join("; and it ", said), shown, "", null));
            }
        }
    }

    /** The statement's prediction: its own lock and that of every statement of its DO body. */
    private static LockMode predicted(MigrationFile m, int index) {
        LockMode mode = m.lock(index);
        for (int j = index + 1; j < m.statements().size() && m.host(j) == index; j++) {
            mode = LockMode.max(mode, m.lock(j));
        }
        return mode;
    }

    /** What the application feels: 2 reads and writes wait, 1 writes wait, 0 neither. */
    private static int impact(LockMode mode) {
        return mode.blocksReads() ? 2 : mode.blocksWrites() ? 1 : 0;
    }

    private static String whatUnderLock(ObservedStatement seen, List<Relation> underLock) {
        List<Relation> rewritten = seen.rewritten().stream().filter(underLock::contains).toList();
        List<Relation> scanned = seen.scanned().stream().filter(underLock::contains).toList();
        List<String> parts = new ArrayList<>();
        if (!rewritten.isEmpty()) {
            parts.add("rewrote " + names(rewritten));
        }
        if (!scanned.isEmpty()) {
            parts.add("read " + names(scanned) + " whole");
        }
        return String.join(" and ", parts);
    }

    /**
     * The findings the rules about rewrites and scans make on this file, with the configuration and suppressions
     * applied.
     */
    private static List<Finding> otherFindings(MigrationFile m) {
        List<Rule> others = Rules.all().stream().filter(r -> REWRITE_AND_SCAN_RULES.contains(r.id())).toList();
        return new Linter(others).lint(m.script(), m.context()).findings();
    }

    /** No finding lies within top-level statement {@code index} (from its start to the next one's). */
    private static boolean noneWithin(List<Finding> findings, MigrationFile m, int index) {
        SqlStatement start = m.statement(index);
        SqlStatement next = null;
        for (int j = index + 1; j < m.statements().size(); j++) {
            if (m.host(j) < 0) {
                next = m.statement(j);
                break;
            }
        }
        for (Finding f : findings) {
            if (f.file().equals(start.file()) && !before(f.line(), f.column(), start.line(), start.column())
                    && (next == null || !next.file().equals(start.file())
                    || before(f.line(), f.column(), next.line(), next.column()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean before(int line, int column, int otherLine, int otherColumn) {
        return line < otherLine || (line == otherLine && column < otherColumn);
    }

    private static String names(List<Relation> relations) {
        return String.join(", ", relations.stream().map(Relation::qualified).toList());
    }
}
