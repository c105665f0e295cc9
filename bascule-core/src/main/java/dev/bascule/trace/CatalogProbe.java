package dev.bascule.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The queries the tracer sends on the migration's own session. Every name is qualified with {@code pg_catalog}: a
 * migration may have emptied the search_path or shadowed a function. They read only catalogs, so the locks they
 * take (ACCESS SHARE on catalogs) conflict with nothing a migration does, and they count no scan of a user table.
 *
 * <p>Why the migration's own session: the transaction's table statistics ({@code pg_stat_get_xact_*}) live in the
 * backend until the transaction ends and the backend flushes them (PostgreSQL 15+: at most once a second, when idle
 * outside a transaction; {@code pg_stat_user_tables} shows nothing of an open transaction, even after
 * {@code pg_stat_clear_snapshot()}); an uncommitted rewrite's new {@code relfilenode} is visible only to the
 * transaction that made it. A second session would see neither.
 */
final class CatalogProbe {

    /** Schemas whose relations are PostgreSQL's own, or a session's temporary ones. */
    private static final String USER_RELATION = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
            + " AND pg_catalog.left(n.nspname, 8) <> 'pg_temp_' AND pg_catalog.left(n.nspname, 14) <> 'pg_toast_temp_'";

    private static final String RELATIONS = "SELECT c.oid::int8, n.nspname, c.relname, c.relkind, c.relfilenode::int8"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind <> 'c' AND " + USER_RELATION;

    private static final String COUNTERS = "SELECT c.oid::int8,"
            + " pg_catalog.pg_stat_get_xact_numscans(c.oid),"
            + " pg_catalog.pg_stat_get_xact_tuples_inserted(c.oid) + pg_catalog.pg_stat_get_xact_tuples_updated(c.oid)"
            + " + pg_catalog.pg_stat_get_xact_tuples_deleted(c.oid)"
            + " FROM pg_catalog.pg_class c WHERE c.relkind IN ('r', 'm')"
            + " AND (pg_catalog.pg_stat_get_xact_numscans(c.oid) <> 0 OR pg_catalog.pg_stat_get_xact_tuples_inserted(c.oid) <> 0"
            + " OR pg_catalog.pg_stat_get_xact_tuples_updated(c.oid) <> 0 OR pg_catalog.pg_stat_get_xact_tuples_deleted(c.oid) <> 0)";

    /** Our granted relation locks in this database, with each relation as the transaction sees it now. */
    private static final String HELD = "SELECT l.relation::int8, l.mode, n.nspname, c.relname, c.relkind,"
            + " c.relfilenode::int8,"
            + " CASE WHEN c.relkind IN ('r', 'm') THEN pg_catalog.pg_stat_get_xact_numscans(l.relation) END,"
            + " CASE WHEN c.relkind IN ('r', 'm') THEN pg_catalog.pg_stat_get_xact_tuples_inserted(l.relation)"
            + " + pg_catalog.pg_stat_get_xact_tuples_updated(l.relation) + pg_catalog.pg_stat_get_xact_tuples_deleted(l.relation) END"
            + " FROM pg_catalog.pg_locks l"
            + " LEFT JOIN pg_catalog.pg_class c ON c.oid = l.relation"
            + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation' AND l.granted"
            + " AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())";

    /**
     * Another backend's relation locks, and whether it waits for any lock, read by a second session in one reading
     * of the lock table (see {@link LockSampler}).
     */
    static final String HELD_BY = "SELECT l.relation::int8, l.mode, n.nspname, c.relname, c.relkind, l.granted"
            + " FROM pg_catalog.pg_locks l"
            + " LEFT JOIN pg_catalog.pg_class c ON c.oid = l.relation"
            + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE l.pid = ? AND ((l.locktype = 'relation' AND l.granted"
            + " AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()))"
            + " OR NOT l.granted)";

    /** Table statistics as flushed to shared memory, for statements that run outside a transaction (PostgreSQL 15+). */
    private static final String FLUSHED = "SELECT s.relid::int8, coalesce(s.seq_scan, 0), s.n_tup_ins + s.n_tup_upd + s.n_tup_del"
            + " FROM pg_catalog.pg_stat_all_tables s JOIN pg_catalog.pg_class c ON c.oid = s.relid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm') AND " + USER_RELATION;

    private CatalogProbe() {
    }

    /** A relation as a statement left it: {@code relation} null when it is gone (dropped, or a rewrite's transient heap). */
    record Seen(long oid, Relation relation, long filenode) {
    }

    /** Sequential scans started and rows written, as counted so far. */
    record Counters(long scans, long written) {
        static final Counters ZERO = new Counters(0, 0);

        Counters minus(Counters before) {
            return new Counters(scans - before.scans, written - before.written);
        }
    }

    /** One granted lock of ours, the relation as it is now, and its counters (tables only). */
    record Held(Seen seen, LockLevel mode, Counters counters) {
    }

    /** Every user relation of the database, by oid. */
    static Map<Long, Seen> relations(Connection connection) throws SQLException {
        Map<Long, Seen> all = new HashMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(RELATIONS)) {
            while (rs.next()) {
                long oid = rs.getLong(1);
                all.put(oid, new Seen(oid, new Relation(rs.getString(2), rs.getString(3), Relation.kindOf(rs.getString(4))),
                        rs.getLong(5)));
            }
        }
        return all;
    }

    /**
     * The transaction's counters of every table that has any: at the start of a transaction these are counts of
     * earlier transactions the backend has not flushed yet, which later readings must not be charged with.
     */
    static Map<Long, Counters> pendingCounters(Connection connection) throws SQLException {
        Map<Long, Counters> counters = new HashMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(COUNTERS)) {
            while (rs.next()) {
                counters.put(rs.getLong(1), new Counters(rs.getLong(2), rs.getLong(3)));
            }
        }
        return counters;
    }

    /** Every relation lock of ours, with the relation's current storage and counters. */
    static List<Held> held(Connection connection) throws SQLException {
        List<Held> held = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(HELD)) {
            while (rs.next()) {
                long oid = rs.getLong(1);
                String schema = rs.getString(3);
                Relation relation = schema == null ? null : new Relation(schema, rs.getString(4), Relation.kindOf(rs.getString(5)));
                long filenode = rs.getLong(6);
                long scans = rs.getLong(7);
                Counters counters = rs.wasNull() ? null : new Counters(scans, rs.getLong(8));
                held.add(new Held(new Seen(oid, relation, filenode), LockLevel.ofPgLocks(rs.getString(2)), counters));
            }
        }
        return held;
    }

    /**
     * Table statistics after making this backend flush its pending ones ({@code pg_stat_force_next_flush()}, PostgreSQL
     * 15+: the flush happens when the call returns and the backend goes idle, before it answers again). Each query in
     * autocommit is its own transaction, so the statistics snapshot is fresh.
     */
    static Map<Long, Counters> flushedCounters(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT pg_catalog.pg_stat_force_next_flush()");
        }
        Map<Long, Counters> counters = new HashMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(FLUSHED)) {
            while (rs.next()) {
                counters.put(rs.getLong(1), new Counters(rs.getLong(2), rs.getLong(3)));
            }
        }
        return counters;
    }

    static int backendPid(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_catalog.pg_backend_pid()");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Whether a schema's relations are PostgreSQL's own or temporary ones (for rows read by a second session). */
    static boolean isUserSchema(String schema) {
        return schema != null && !schema.equals("pg_catalog") && !schema.equals("information_schema")
                && !schema.equals("pg_toast") && !schema.startsWith("pg_temp_") && !schema.startsWith("pg_toast_temp_");
    }
}
