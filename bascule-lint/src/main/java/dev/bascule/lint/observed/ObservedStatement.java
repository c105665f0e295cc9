package dev.bascule.lint.observed;

import dev.bascule.lint.model.LockMode;
import dev.bascule.trace.HeldLock;
import dev.bascule.trace.LockLevel;
import dev.bascule.trace.Relation;
import dev.bascule.trace.StatementTrace;
import dev.bascule.trace.TableScan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the server did for one statement, under the name the linter knows its file by. Only relations that existed
 * before the migration count: a lock on a table the migration created blocks nobody, since nobody else sees it yet.
 * Never holds the statement's text, so a secure migration's facts can be shown (positions and relation names, as
 * {@code bascule trace} shows them).
 *
 * @param file   the file as the linter names it
 * @param secret the statement is in a secure migration
 * @param trace  what trace recorded
 */
public record ObservedStatement(String file, boolean secret, StatementTrace trace) {

    public int line() {
        return trace.line();
    }

    public int column() {
        return trace.column();
    }

    /** Every mode held right after the statement on a relation that existed before the migration. */
    public List<HeldLock> existingLocks() {
        return trace.locks().stream().filter(l -> !isNew(l.relation())).toList();
    }

    /** The strongest mode held on an existing relation right after the statement (taken by it or before it). */
    public Optional<LockLevel> strongestHeld() {
        return existingLocks().stream().map(HeldLock::mode).reduce(LockLevel::max);
    }

    /** The strongest mode this statement itself took on an existing relation. */
    public Optional<LockLevel> strongestTaken() {
        return existingLocks().stream().filter(HeldLock::acquired).map(HeldLock::mode).reduce(LockLevel::max);
    }

    /** The existing relations this statement took {@code mode} on. */
    public List<Relation> takenOn(LockLevel mode) {
        return existingLocks().stream().filter(l -> l.acquired() && l.mode() == mode).map(HeldLock::relation)
                .distinct().toList();
    }

    /** Whether the transaction holds {@code mode} on {@code relation} right after the statement. */
    public boolean holds(Relation relation, LockLevel mode) {
        return trace.locks().stream().anyMatch(l -> l.relation().equals(relation) && l.mode() == mode);
    }

    /** Existing tables and indexes whose storage the statement replaced. */
    public List<Relation> rewritten() {
        return trace.rewritten().stream().filter(r -> !isNew(r)).toList();
    }

    /** Existing tables the statement read whole. */
    public List<Relation> scanned() {
        return trace.scans().stream().map(TableScan::table).filter(r -> !isNew(r)).distinct().toList();
    }

    /** Rewritten or whole-read existing relations on which the transaction holds ACCESS EXCLUSIVE. */
    public List<Relation> rewrittenOrScannedUnderAccessExclusive() {
        List<Relation> out = new ArrayList<>();
        for (Relation r : rewritten()) {
            if (holds(r, LockLevel.ACCESS_EXCLUSIVE) && !out.contains(r)) {
                out.add(r);
            }
        }
        for (Relation r : scanned()) {
            if (holds(r, LockLevel.ACCESS_EXCLUSIVE) && !out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The linter's name for a trace lock mode (the constants are named alike). */
    public static LockMode mode(LockLevel level) {
        return LockMode.valueOf(level.name());
    }

    /**
     * One line: the strongest lock on existing relations and whether this statement took it, what it rewrote and
     * read whole. Never the statement's text.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        Optional<LockLevel> held = strongestHeld();
        if (held.isEmpty()) {
            parts.add("no lock on an existing relation");
        } else {
            List<Relation> taken = takenOn(held.get());
            List<Relation> before = existingLocks().stream().filter(l -> l.mode() == held.get())
                    .map(HeldLock::relation).distinct().filter(r -> !taken.contains(r)).toList();
            if (taken.isEmpty()) {
                parts.add(held.get().sqlName() + " held since an earlier statement on " + names(before));
            } else {
                parts.add(held.get().sqlName() + " on " + names(taken) + (before.isEmpty() ? ""
                        : " (and on " + names(before) + " since an earlier statement)"));
            }
        }
        if (!rewritten().isEmpty()) {
            parts.add("rewrote " + names(rewritten()));
        }
        if (!scanned().isEmpty()) {
            parts.add("read whole " + names(scanned()));
        } else if (!trace.scansKnown()) {
            parts.add("table scans unknown");
        }
        return String.join("; ", parts);
    }

    static String names(List<Relation> relations) {
        return relations.stream().map(Relation::qualified).collect(Collectors.joining(", "));
    }

    /** Created by this statement or earlier in the migration (a lock row says so), or by this statement. */
    private boolean isNew(Relation relation) {
        return trace.created().contains(relation)
                || trace.locks().stream().anyMatch(l -> l.relation().equals(relation) && l.newRelation());
    }
}
