package dev.bascule.cli;

import dev.bascule.lint.model.LockMode;
import dev.bascule.lint.model.StatementLocks;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.QName;
import dev.bascule.lint.parse.SqlStatement;
import dev.bascule.trace.HeldLock;
import dev.bascule.trace.LockLevel;
import dev.bascule.trace.Relation;
import dev.bascule.trace.StatementTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One statement's lock as the linter predicts it ({@code StatementLocks}) against the lock the server really took
 * on the statement's target, as {@code trace} observed it. The target is the linter's ({@code StatementLocks.table}),
 * or for the statements it names none for, the object the statement names (the index of DROP INDEX, the table of
 * COMMENT ON), or else any relation that existed before the migration.
 */
record LockModelComparison(String kind, LockMode predicted, String observed, Verdict verdict) {

    enum Verdict {
        /** The strongest mode the statement took on its target is the predicted one. */
        AGREE,
        /**
         * The statement took nothing stronger than predicted, and the predicted mode was already held by an earlier
         * statement of the same transaction: PostgreSQL records a mode once per transaction, so whether the statement
         * asked for it again cannot be seen, and nothing contradicts the prediction.
         */
        AGREE_ALREADY_HELD,
        /** The target did not exist (IF EXISTS on a missing table, ...): nothing was locked and nothing to compare. */
        NO_TARGET_RELATION,
        DISAGREE
    }

    /** The key of a disagreement, as docs/lint-lock-model.md lists it. */
    String key() {
        return kind + " | " + predicted.sqlName() + " | " + observed;
    }

    static LockModelComparison of(SqlStatement lint, StatementTrace trace) {
        Ddl ddl = lint.ddl();
        LockMode predicted = StatementLocks.of(ddl);
        String kind = kindOf(ddl);
        List<QName> targets = targets(ddl);
        Predicate<Relation> onTarget;
        if (targets.isEmpty()) {
            // No object named: the locks on relations that existed before the migration count (a lock on a relation
            // the migration created blocks nobody), unless the statement took none there and a lock is predicted:
            // then it acted on something the migration created (COMMENT ON INDEX of a new index, ...).
            List<Relation> existing = trace.locks().stream().filter(l -> !l.newRelation()).map(HeldLock::relation).toList();
            boolean tookOnExisting = trace.acquired().stream().anyMatch(l -> !l.newRelation());
            onTarget = tookOnExisting || predicted == LockMode.NONE ? existing::contains : r -> true;
        } else {
            onTarget = r -> targets.stream().anyMatch(q -> r.isNamed(q.schema(), q.name()));
        }
        Optional<LockMode> took = trace.strongestAcquired(onTarget).map(LockModelComparison::mode);
        Optional<LockMode> held = trace.strongestHeld(onTarget).map(LockModelComparison::mode);
        List<LockMode> heldModes = trace.locks().stream().filter(l -> onTarget.test(l.relation()))
                .map(l -> mode(l.mode())).toList();
        if (!targets.isEmpty() && heldModes.isEmpty()) {
            return new LockModelComparison(kind, predicted, "none", Verdict.NO_TARGET_RELATION);
        }
        String observed = took.map(LockMode::sqlName)
                .orElse(held.map(h -> "none taken, " + h.sqlName() + " already held").orElse("none"));
        LockMode strongest = took.orElse(LockMode.NONE);
        if (strongest == predicted) {
            return new LockModelComparison(kind, predicted, observed, Verdict.AGREE);
        }
        if (strongest.compareTo(predicted) < 0 && heldModes.contains(predicted)) {
            return new LockModelComparison(kind, predicted, observed, Verdict.AGREE_ALREADY_HELD);
        }
        return new LockModelComparison(kind, predicted, observed, Verdict.DISAGREE);
    }

    static LockMode mode(LockLevel level) {
        return LockMode.valueOf(level.name());
    }

    /** The relations the statement is about. */
    static List<QName> targets(Ddl ddl) {
        QName table = StatementLocks.table(ddl);
        if (table != null) {
            return List.of(table);
        }
        if (ddl instanceof Ddl.DropIndex d) {
            return d.indexes();
        }
        if (ddl instanceof Ddl.Comment c && c.table() != null) {
            return List.of(c.table());
        }
        return List.of();
    }

    /** What kind of statement this is, without names: {@code ALTER TABLE ADD COLUMN}, {@code CREATE INDEX}, ... */
    static String kindOf(Ddl ddl) {
        if (ddl instanceof Ddl.AlterTable a) {
            TreeSet<String> actions = new TreeSet<>();
            a.actions().forEach(x -> actions.add(actionKind(x)));
            return "ALTER TABLE " + String.join(", ", actions);
        }
        if (ddl instanceof Ddl.CreateIndex i) {
            return "CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX" + (i.concurrently() ? " CONCURRENTLY" : "");
        }
        if (ddl instanceof Ddl.CreateTable t) {
            boolean references = t.constraints().stream().anyMatch(c -> c.kind() == dev.bascule.lint.parse.TableConstraint.Kind.FOREIGN_KEY)
                    || t.columns().stream().anyMatch(c -> c.references() != null);
            return "CREATE TABLE" + (t.asQueryOrLike() ? " AS/LIKE" : "") + (references ? " with REFERENCES" : "");
        }
        if (ddl instanceof Ddl.DropOther d) {
            return "DROP " + d.objectKind().toUpperCase(Locale.ROOT);
        }
        if (ddl instanceof Ddl.Comment c) {
            return "COMMENT ON " + c.objectKind();
        }
        if (ddl instanceof Ddl.Opaque o) {
            return leadingKeywords(o.words());
        }
        if (ddl instanceof Ddl.NotAnalysed) {
            return "not analysed by the linter";
        }
        String name = ddl.getClass().getSimpleName();
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    private static String actionKind(AlterAction action) {
        if (action instanceof AlterAction.AddConstraint c) {
            return "ADD " + c.constraint().kind().name().replace('_', ' ') + (c.constraint().notValid() ? " NOT VALID" : "");
        }
        if (action instanceof AlterAction.Other o) {
            String[] words = o.words().toUpperCase(Locale.ROOT).split("\\s+");
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < words.length && kept.size() < 3; i++) {
                if (words[0].equals("ALTER") && i == 2) {
                    continue; // ALTER COLUMN <name> ...
                }
                if (words[i].matches("[A-Z]+")) {
                    kept.add(words[i]);
                }
            }
            return String.join(" ", kept);
        }
        String name = action.getClass().getSimpleName();
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    /** The statement's first keywords (CREATE OR REPLACE FUNCTION, CREATE VIEW, DO, SELECT, ...), names left out. */
    private static String leadingKeywords(String words) {
        List<String> kept = new ArrayList<>();
        for (String w : words.split("\\s+")) {
            if (!KEYWORDS.contains(w)) {
                break;
            }
            kept.add(w);
        }
        return kept.isEmpty() ? words : String.join(" ", kept);
    }

    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("CREATE", "OR", "REPLACE", "FUNCTION",
            "PROCEDURE", "VIEW", "MATERIALIZED", "TRIGGER", "TYPE", "SEQUENCE", "EXTENSION", "SCHEMA", "DO", "SELECT",
            "GRANT", "REVOKE", "ALTER", "DROP", "DOMAIN", "AGGREGATE", "RULE", "POLICY", "ROLE", "USER", "SET", "INDEX",
            "REFRESH", "ANALYZE", "WITH", "VALUES", "TEMPORARY", "TEMP", "TABLE", "UNIQUE", "CONSTRAINT", "CAST",
            "OPERATOR", "COLLATION", "LANGUAGE", "PUBLICATION", "SUBSCRIPTION", "STATISTICS", "SERVER", "TEXT", "SEARCH",
            "CONFIGURATION", "DICTIONARY", "EVENT", "DEFAULT", "PRIVILEGES", "OWNED", "BY", "REASSIGN", "RESET", "CALL",
            "NOTIFY", "LISTEN", "DISCARD", "DECLARE", "FETCH", "CLOSE", "PREPARE", "EXECUTE", "DEALLOCATE", "SHOW",
            "EXPLAIN", "IMPORT", "FOREIGN", "SECURITY", "LABEL", "TRANSFORM", "ACCESS", "METHOD", "CONVERSION");
}
