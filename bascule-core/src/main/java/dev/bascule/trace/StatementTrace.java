package dev.bascule.trace;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What PostgreSQL did for one statement on the shadow database.
 *
 * @param file        the file the statement is in (an {@code \i} include's own name), as shown to the user
 * @param line        1-based line of the statement's first character
 * @param column      1-based column of it
 * @param index       1-based position of the statement in its migration
 * @param summary     the statement's first characters, white space collapsed; empty for secure migrations, whose
 *                    text is never shown
 * @param observation how the locks were read
 * @param locks       every lock mode the transaction holds on a user relation right after the statement (or, when
 *                    sampled, that the statement was seen holding), strongest first
 * @param rewritten   relations whose storage was replaced ({@code pg_class.relfilenode} changed): a table or index
 *                    rewrite, TRUNCATE, REINDEX, REFRESH MATERIALIZED VIEW
 * @param created     relations the statement created
 * @param scans       tables it read whole ({@code seq_scan} grew); empty when unknown, see {@code scansKnown}
 * @param scansKnown  false when table scans could not be counted (a statement outside a transaction on PostgreSQL
 *                    before 15, whose statistics reach {@code pg_stat_user_tables} late)
 * @param rowsWritten rows the statement inserted, updated or deleted in user tables (triggers and functions
 *                    included), from the transaction's statistics; -1 when unknown
 * @param duration    the statement's own time, without the probes around it
 * @param error       PostgreSQL's error when the statement failed (for secure migrations only its SQLSTATE)
 */
public record StatementTrace(String file, int line, int column, int index, String summary, LockObservation observation,
                             List<HeldLock> locks, List<Relation> rewritten, List<Relation> created,
                             List<TableScan> scans, boolean scansKnown, long rowsWritten,
                             Duration duration, Optional<String> error) {

    public StatementTrace {
        locks = List.copyOf(locks);
        rewritten = List.copyOf(rewritten);
        created = List.copyOf(created);
        scans = List.copyOf(scans);
    }

    public boolean failed() {
        return error.isPresent();
    }

    /** The locks this statement took (see {@link HeldLock#acquired()}). */
    public List<HeldLock> acquired() {
        return locks.stream().filter(HeldLock::acquired).toList();
    }

    /** The strongest mode held right after the statement on a relation matching {@code which}. */
    public Optional<LockLevel> strongestHeld(Predicate<Relation> which) {
        return locks.stream().filter(l -> which.test(l.relation())).map(HeldLock::mode).reduce(LockLevel::max);
    }

    /** The strongest mode this statement took on a relation matching {@code which}. */
    public Optional<LockLevel> strongestAcquired(Predicate<Relation> which) {
        return acquired().stream().filter(l -> which.test(l.relation())).map(HeldLock::mode).reduce(LockLevel::max);
    }

    /** {@code FILE:LINE}, how findings point at a statement. */
    public String position() {
        return file + ":" + line;
    }
}
