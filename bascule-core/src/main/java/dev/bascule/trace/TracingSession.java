package dev.bascule.trace;

import dev.bascule.trace.CatalogProbe.Counters;
import dev.bascule.trace.CatalogProbe.Held;
import dev.bascule.trace.CatalogProbe.Seen;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the tracer knows on the shadow database's migration session, and how it turns one probe after a statement
 * into that statement's trace.
 *
 * <p>Every relation's {@code relfilenode} is read once when tracing starts, then kept current after each statement
 * for the relations the transaction holds locks on. That is enough to see every rewrite: replacing a relation's
 * storage needs a lock on it, and locks last to the end of the transaction, so a rewritten relation is always in the
 * probe's list. The transaction's own counters ({@code pg_stat_get_xact_*}) give scans and rows written; each reading
 * is compared with the previous one in the same transaction, or with the backend's not-yet-flushed counts read when
 * the transaction began.
 */
final class TracingSession {

    private final Connection connection;
    private final Map<Long, Seen> known;
    private Set<Long> existingAtMigrationStart = Set.of();
    private Map<Long, Counters> lastCounters = new HashMap<>();
    private Map<Long, Set<LockLevel>> heldBefore = new HashMap<>();
    private boolean stale;

    private TracingSession(Connection connection, Map<Long, Seen> known) {
        this.connection = connection;
        this.known = known;
    }

    static TracingSession open(Connection connection) throws SQLException {
        return new TracingSession(connection, CatalogProbe.relations(connection));
    }

    Connection connection() {
        return connection;
    }

    /** After statements ran without probes: every relation's storage is read again before the next measured one. */
    void forgetRelations() {
        stale = true;
    }

    /** Relations that exist now are not new to the migration starting. */
    void migrationStarting() throws SQLException {
        if (stale) {
            known.clear();
            known.putAll(CatalogProbe.relations(connection));
            stale = false;
        }
        existingAtMigrationStart = new HashSet<>(known.keySet());
    }

    /**
     * Call as the first thing inside a new transaction (the query itself opens it when autocommit is off): no lock is
     * held yet, and the counters the backend still holds from earlier transactions become the starting point.
     */
    void transactionStarted() throws SQLException {
        lastCounters = CatalogProbe.pendingCounters(connection);
        heldBefore = new HashMap<>();
    }

    /** The observations of a statement, before its position, text and time are added. */
    record Observed(LockObservation observation, List<HeldLock> locks, List<Relation> rewritten, List<Relation> created,
                    List<TableScan> scans, boolean scansKnown, long rowsWritten) {

        static Observed nothing() {
            return new Observed(LockObservation.NONE, List.of(), List.of(), List.of(), List.of(), true, 0);
        }
    }

    /** After a statement that ran inside the still-open transaction: one probe, exact. */
    Observed afterStatementInTransaction() throws SQLException {
        List<Held> held = CatalogProbe.held(connection);
        Map<Long, Set<LockLevel>> heldNow = new HashMap<>();
        List<HeldLock> locks = new ArrayList<>();
        List<Relation> rewritten = new ArrayList<>();
        List<Relation> created = new ArrayList<>();
        List<TableScan> scans = new ArrayList<>();
        long written = 0;
        Set<Long> updated = new HashSet<>();
        Set<Long> dropped = new HashSet<>();
        for (Held h : held) {
            long oid = h.seen().oid();
            Seen before = known.get(oid);
            Relation relation = h.seen().relation() != null ? h.seen().relation() : before == null ? null : before.relation();
            if (relation == null || !CatalogProbe.isUserSchema(relation.schema())) {
                continue; // a catalog, or a rewrite's transient heap that is gone again
            }
            heldNow.computeIfAbsent(oid, k -> EnumSet.noneOf(LockLevel.class)).add(h.mode());
            boolean acquired = !heldBefore.getOrDefault(oid, Set.of()).contains(h.mode());
            locks.add(new HeldLock(relation, h.mode(), acquired, !existingAtMigrationStart.contains(oid)));
            if (!updated.add(oid)) {
                continue; // one row per mode; the relation itself is looked at once
            }
            if (h.seen().relation() == null) {
                dropped.add(oid); // by this statement or an earlier one; forgotten after every row is named
            } else {
                if (before == null) {
                    created.add(relation);
                } else if (before.filenode() != 0 && before.filenode() != h.seen().filenode()) {
                    rewritten.add(relation);
                }
                known.put(oid, h.seen());
            }
            if (h.counters() != null) {
                Counters delta = h.counters().minus(lastCounters.getOrDefault(oid, Counters.ZERO));
                if (delta.scans() > 0) {
                    scans.add(new TableScan(relation, delta.scans()));
                }
                written += Math.max(0, delta.written());
                lastCounters.put(oid, h.counters());
            }
        }
        dropped.forEach(known::remove);
        heldBefore = heldNow;
        return new Observed(LockObservation.EXACT, sorted(locks), byName(rewritten), byName(created), scans, true, written);
    }

    /**
     * Around a statement that cannot run in a transaction block: the relations' storage and (PostgreSQL 15+) the
     * flushed table statistics are read before and after; the locks come from a second session sampling them.
     */
    final class Outside {
        private final Map<Long, Counters> countersBefore;

        Outside(boolean countersReadable) throws SQLException {
            this.countersBefore = countersReadable ? CatalogProbe.flushedCounters(connection) : null;
        }

        Observed after(List<LockSampler.Sample> samples) throws SQLException {
            Map<Long, Seen> now = CatalogProbe.relations(connection);
            List<Relation> rewritten = new ArrayList<>();
            List<Relation> created = new ArrayList<>();
            for (Seen seen : now.values()) {
                Seen before = known.get(seen.oid());
                if (before == null) {
                    created.add(seen.relation());
                } else if (before.filenode() != 0 && before.filenode() != seen.filenode()) {
                    rewritten.add(seen.relation());
                }
            }
            List<HeldLock> locks = new ArrayList<>();
            for (LockSampler.Sample sample : samples) {
                Seen seen = now.containsKey(sample.oid()) ? now.get(sample.oid()) : known.get(sample.oid());
                Relation relation = sample.relation() != null ? sample.relation() : seen == null ? null : seen.relation();
                if (relation != null && CatalogProbe.isUserSchema(relation.schema())) {
                    locks.add(new HeldLock(relation, sample.mode(), true, !existingAtMigrationStart.contains(sample.oid())));
                }
            }
            List<TableScan> scans = new ArrayList<>();
            long written = -1;
            if (countersBefore != null) {
                written = 0;
                for (Map.Entry<Long, Counters> after : CatalogProbe.flushedCounters(connection).entrySet()) {
                    Counters delta = after.getValue().minus(countersBefore.getOrDefault(after.getKey(), Counters.ZERO));
                    Seen seen = now.get(after.getKey());
                    if (delta.scans() > 0 && seen != null) {
                        scans.add(new TableScan(seen.relation(), delta.scans()));
                    }
                    written += Math.max(0, delta.written());
                }
            }
            known.clear();
            known.putAll(now);
            heldBefore = new HashMap<>();
            scans.sort(Comparator.comparing(s -> s.table().qualified()));
            return new Observed(LockObservation.SAMPLED, sorted(locks), byName(rewritten), byName(created), scans,
                    countersBefore != null, written);
        }
    }

    private static List<Relation> byName(List<Relation> relations) {
        return relations.stream().sorted(Comparator.comparing(Relation::qualified)).toList();
    }

    /** Strongest first, then by name: the first line is the one that matters. */
    private static List<HeldLock> sorted(List<HeldLock> locks) {
        List<HeldLock> copy = new ArrayList<>(locks);
        copy.sort(Comparator.comparing(HeldLock::mode).reversed().thenComparing(l -> l.relation().qualified()));
        return copy;
    }
}
