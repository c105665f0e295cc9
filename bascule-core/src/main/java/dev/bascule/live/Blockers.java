package dev.bascule.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Who blocks one waiting backend, as one snapshot.
 *
 * @param blockedPid the backend that waits (our migration's)
 * @param waitingFor the lock it waits for, or null when it waits for none (then {@code blockers} is empty)
 * @param blockers   the sessions holding, or queued ahead for, a conflicting lock; ordered by pid
 */
public record Blockers(int blockedPid, LockRef waitingFor, List<Blocker> blockers) {

    /*
     * pg_blocking_pids gives the pids; the waiting lock comes from pg_locks (a backend waits for at most one lock at
     * a time) and each blocker's lock is its pg_locks row on the very same object: held, or queued ahead of ours.
     * Relation names are resolved only for our own database (regclass means nothing for another database's oids).
     */
    private static final String QUERY = """
            WITH waiting AS (
                SELECT l.*,
                       CASE WHEN l.relation IS NULL THEN NULL
                            WHEN l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                                THEN l.relation::regclass::text
                            ELSE 'relation ' || l.relation || ' of database ' || l.database END AS relation_name
                FROM pg_locks l
                WHERE l.pid = ? AND NOT l.granted
                LIMIT 1
            )
            SELECT b.pid, a.usename, a.application_name, a.backend_type, a.state,
                   EXTRACT(EPOCH FROM clock_timestamp() - a.xact_start) AS transaction_seconds, a.query,
                   w.mode AS waiting_mode,
                   CASE w.locktype
                       WHEN 'relation' THEN w.relation_name
                       WHEN 'tuple' THEN 'a row of ' || w.relation_name
                       WHEN 'transactionid' THEN 'transaction ' || w.transactionid
                       WHEN 'virtualxid' THEN 'virtual transaction ' || w.virtualxid
                       WHEN 'advisory' THEN 'advisory lock ' || w.classid || '/' || w.objid
                       ELSE w.locktype || coalesce(' of ' || w.relation_name, '')
                   END AS target,
                   h.mode AS blocker_mode, h.granted AS blocker_granted
            FROM (SELECT DISTINCT unnest(pg_blocking_pids(?)) AS pid) b
            LEFT JOIN pg_stat_activity a ON a.pid = b.pid AND b.pid <> 0
            LEFT JOIN waiting w ON true
            LEFT JOIN LATERAL (
                SELECT l.mode, l.granted
                FROM pg_locks l
                WHERE (l.pid = b.pid OR (b.pid = 0 AND l.pid IS NULL))
                  AND l.locktype = w.locktype
                  AND l.database IS NOT DISTINCT FROM w.database AND l.relation IS NOT DISTINCT FROM w.relation
                  AND l.page IS NOT DISTINCT FROM w.page AND l.tuple IS NOT DISTINCT FROM w.tuple
                  AND l.virtualxid IS NOT DISTINCT FROM w.virtualxid
                  AND l.transactionid IS NOT DISTINCT FROM w.transactionid
                  AND l.classid IS NOT DISTINCT FROM w.classid AND l.objid IS NOT DISTINCT FROM w.objid
                  AND l.objsubid IS NOT DISTINCT FROM w.objsubid
                ORDER BY l.granted DESC
                LIMIT 1
            ) h ON true
            ORDER BY b.pid
            """;

    public Blockers {
        blockers = List.copyOf(blockers);
    }

    /** Nobody blocks {@code pid}. */
    public static Blockers none(int pid) {
        return new Blockers(pid, null, List.of());
    }

    /**
     * Looks up who blocks backend {@code pid} now. Runs one query on {@code connection}, which must be another
     * session than {@code pid}'s (a waiting session cannot run queries). Query texts are included; see
     * {@link #withoutQueries()}.
     */
    public static Blockers find(Connection connection, int pid) throws SQLException {
        List<Blocker> found = new ArrayList<>();
        LockRef waitingFor = null;
        try (PreparedStatement st = connection.prepareStatement(QUERY)) {
            st.setInt(1, pid);
            st.setInt(2, pid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String target = rs.getString("target");
                    if (waitingFor == null && rs.getString("waiting_mode") != null) {
                        waitingFor = new LockRef(rs.getString("waiting_mode"), target, false);
                    }
                    String blockerMode = rs.getString("blocker_mode");
                    LockRef lock = blockerMode == null ? null
                            : new LockRef(blockerMode, target, rs.getBoolean("blocker_granted"));
                    double seconds = rs.getDouble("transaction_seconds");
                    Duration age = rs.wasNull() ? null : Duration.ofMillis(Math.round(seconds * 1000));
                    found.add(new Blocker(rs.getInt("pid"), rs.getString("usename"), rs.getString("application_name"),
                            rs.getString("backend_type"), rs.getString("state"), age,
                            Blocker.shorten(rs.getString("query")), lock));
                }
            }
        }
        return new Blockers(pid, found.isEmpty() ? null : waitingFor, found);
    }

    public boolean isEmpty() {
        return blockers.isEmpty();
    }

    /** The blocking pids, in order. */
    public List<Integer> pids() {
        return blockers.stream().map(Blocker::pid).toList();
    }

    /** The same snapshot with every query text removed, for output that must not show other sessions' SQL. */
    public Blockers withoutQueries() {
        return new Blockers(blockedPid, waitingFor, blockers.stream().map(Blocker::withoutQuery).toList());
    }

    /**
     * One line: {@code blocked by pid 4242 (app_user, application_name=psql, idle in transaction, transaction open
     * 12 s, holds AccessShareLock on moves): "SELECT * FROM moves WHERE ..."}, several blockers separated by
     * {@code ; }, or {@code not blocked}.
     */
    public String describe() {
        if (blockers.isEmpty()) {
            return "not blocked";
        }
        return "blocked by " + blockers.stream().map(Blocker::describe).collect(Collectors.joining("; "));
    }

    /**
     * What identifies this situation, for telling a change from a repeat: who blocks, with which lock, on what.
     * Ages and query texts are left out (they change on every look without the situation changing).
     */
    String signature() {
        return (waitingFor == null ? "-" : waitingFor.mode() + " " + waitingFor.target()) + " | "
                + blockers.stream().map(b -> b.pid() + ":" + (b.lock() == null ? "?" : b.lock().mode() + "/" + b.lock().granted()))
                .collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return describe();
    }
}
