package dev.bascule.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Holds a batched data migration back while the database is busy catching up: before each batch,
 * {@link #awaitClear} waits while a streaming replica is too far behind or a vacuum works on the batch's table.
 *
 * <h2>How replica lag is measured</h2>
 * On the primary, from {@code pg_stat_replication}, two figures per connected standby, and a standby is "behind"
 * when either exceeds its limit:
 * <ul>
 *   <li><b>{@code replay_lag}</b>, time: what operators think in. The primary computes it from the standby's replies
 *   by interpolating between WAL positions it sent and when; it grows while replay is paused or slow, but only when
 *   the standby replies (on receiving WAL, else every {@code wal_receiver_status_interval}, 10 s by default), and it
 *   is NULL when there is no measurement: after the standby caught up and WAL stopped flowing, or after a
 *   reconnect. A NULL never counts as behind.</li>
 *   <li><b>unreplayed bytes</b>, {@code pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)}: WAL the primary wrote that
 *   the standby has not replayed. It does not depend on lag samples, so it catches a standby that stopped
 *   replaying while {@code replay_lag} is NULL or stale. It counts from the primary's current position rather than
 *   {@code sent_lsn}, because WAL not yet sent (a slow link, a walsender behind) is just as unreplayed.</li>
 * </ul>
 * Both are as fresh as the standby's last reply. Only connected standbys appear in {@code pg_stat_replication}: a
 * disconnected one does not hold batches back. The role needs {@code pg_monitor} (or {@code pg_read_all_stats}) to
 * see other sessions' replication and vacuum figures; without it the throttle refuses to start rather than
 * silently seeing nothing.
 *
 * <h2>Vacuum</h2>
 * {@code pg_stat_progress_vacuum} rows for the table or its TOAST table: autovacuum cleaning up after earlier batches
 * (or someone's VACUUM). Waiting lets it finish instead of racing it with more dead rows.
 *
 * <p>The throttle polls on a connection of its own (autocommit, every query bounded by the query timeout), opened on
 * first use and kept until {@link #close()}.
 */
public final class Throttle implements AutoCloseable {

    /**
     * @param maxReplayLag       a replica whose {@code replay_lag} exceeds this is behind
     * @param maxUnreplayedBytes a replica with more unreplayed WAL than this is behind
     * @param table              the table the batches change (SQL syntax: {@code moves}, {@code public.moves},
     *                           {@code "Moves"}), or null to ignore vacuum
     * @param pollInterval       pause between looks while waiting
     * @param queryTimeout       the {@code statement_timeout} of each query the throttle sends
     * @param reportInterval     while the reasons stay the same, how often to report them again
     */
    public record Settings(Duration maxReplayLag, long maxUnreplayedBytes, String table, Duration pollInterval,
                           Duration queryTimeout, Duration reportInterval) {

        public Settings {
            requirePositive("max replay lag", maxReplayLag);
            requirePositive("poll interval", pollInterval);
            requirePositive("query timeout", queryTimeout);
            requirePositive("report interval", reportInterval);
            if (maxUnreplayedBytes <= 0) {
                throw new IllegalArgumentException("max unreplayed bytes must be positive, got " + maxUnreplayedBytes);
            }
        }

        /** 10 s replay lag, 128 MB unreplayed WAL, no table; a look every 500 ms, 2 s per query, reports every 10 s. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), 128L << 20, null, Duration.ofMillis(500), Duration.ofSeconds(2),
                    Duration.ofSeconds(10));
        }

        public Settings forTable(String batchTable) {
            return new Settings(maxReplayLag, maxUnreplayedBytes, batchTable, pollInterval, queryTimeout, reportInterval);
        }

        public Settings withMaxReplayLag(Duration lag) {
            return new Settings(lag, maxUnreplayedBytes, table, pollInterval, queryTimeout, reportInterval);
        }

        public Settings withMaxUnreplayedBytes(long bytes) {
            return new Settings(maxReplayLag, bytes, table, pollInterval, queryTimeout, reportInterval);
        }

        public Settings withPollInterval(Duration interval) {
            return new Settings(maxReplayLag, maxUnreplayedBytes, table, interval, queryTimeout, reportInterval);
        }

        public Settings withReportInterval(Duration interval) {
            return new Settings(maxReplayLag, maxUnreplayedBytes, table, pollInterval, queryTimeout, interval);
        }

        private static void requirePositive(String what, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + value);
            }
        }
    }

    private static final String CAN_READ_STATS = "SELECT current_user, pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')";

    private static final String REPLICAS = """
            SELECT pid, application_name, client_addr::text, state,
                   EXTRACT(EPOCH FROM replay_lag) AS replay_lag_seconds,
                   pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn()
                                        ELSE pg_current_wal_lsn() END, replay_lsn) AS unreplayed_bytes
            FROM pg_stat_replication
            ORDER BY application_name, pid
            """;

    private static final String VACUUMS = """
            SELECT r.oid IS NOT NULL AS table_exists, p.pid, p.relid::regclass::text AS vacuumed, p.phase,
                   a.backend_type, p.heap_blks_scanned, p.heap_blks_total
            FROM (SELECT to_regclass(?) AS oid) r
            LEFT JOIN pg_class t ON t.oid = r.oid
            LEFT JOIN pg_stat_progress_vacuum p ON p.relid IN (t.oid, t.reltoastrelid)
            LEFT JOIN pg_stat_activity a ON a.pid = p.pid
            ORDER BY p.pid
            """;

    private final Settings settings;
    private final ProbeSession session;
    private boolean privilegesChecked;

    public Throttle(ConnectionSource source, Settings settings) {
        this.settings = settings;
        this.session = new ProbeSession(source, settings.queryTimeout(), "bascule throttle");
    }

    /**
     * Waits until nothing holds the next batch back, looking every poll interval and telling {@code progress} what
     * it waits for ({@code waiting: replica standby1 replay lag 14.2 s > 10 s}) when that changes, and again every
     * report interval while it does not.
     *
     * @return how long it waited; zero when clear at the first look
     * @throws ThrottleTimeoutException when reasons to wait remain after {@code limit}
     * @throws IllegalStateException    when the table is missing or the role may not read the statistics
     */
    public Duration awaitClear(Duration limit, Consumer<String> progress) throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        List<String> reportedSubjects = List.of();
        long reportedAt = 0;
        while (true) {
            List<ThrottleReason> reasons = check();
            long now = System.nanoTime();
            Duration waited = Duration.ofNanos(now - start);
            if (reasons.isEmpty()) {
                return waited;
            }
            List<String> subjects = reasons.stream().map(ThrottleReason::subject).toList();
            if (!subjects.equals(reportedSubjects) || now - reportedAt >= settings.reportInterval().toNanos()) {
                progress.accept("waiting: " + reasons.stream().map(ThrottleReason::describe).collect(Collectors.joining("; ")));
                reportedSubjects = subjects;
                reportedAt = now;
            }
            if (now - deadline >= 0) {
                throw new ThrottleTimeoutException(waited, reasons);
            }
            Thread.sleep(Math.max(1, Math.min(settings.pollInterval().toMillis(), (deadline - now) / 1_000_000)));
        }
    }

    /** One look: every reason to wait now, replicas first; empty when the batch may run. */
    public List<ThrottleReason> check() throws SQLException {
        try {
            Connection connection = session.connection();
            if (!privilegesChecked) {
                requireStatsPrivilege(connection);
                privilegesChecked = true;
            }
            List<ThrottleReason> reasons = new ArrayList<>(laggingReplicas(connection));
            if (settings.table() != null) {
                reasons.addAll(vacuums(connection));
            }
            return reasons;
        } catch (SQLException e) {
            session.discard();
            throw e;
        }
    }

    @Override
    public void close() {
        session.close();
    }

    private static void requireStatsPrivilege(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(CAN_READ_STATS); ResultSet rs = st.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(2)) {
                String role = rs.getString(1);
                throw new IllegalStateException("role " + role + " cannot see replication lag or vacuum progress of other"
                        + " sessions: GRANT pg_monitor TO " + InvalidIndex.quote(role) + ", or turn the throttle off");
            }
        }
    }

    private List<ThrottleReason> laggingReplicas(Connection connection) throws SQLException {
        List<ThrottleReason> behind = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(REPLICAS); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String name = replicaName(rs.getString("application_name"), rs.getString("client_addr"), rs.getInt("pid"));
                double seconds = rs.getDouble("replay_lag_seconds");
                Duration lag = rs.wasNull() ? null : Duration.ofMillis(Math.round(seconds * 1000));
                long bytes = rs.getLong("unreplayed_bytes"); // NULL (no reply yet) reads as 0: nothing measured
                boolean lagging = lag != null && lag.compareTo(settings.maxReplayLag()) > 0;
                if (lagging || bytes > settings.maxUnreplayedBytes()) {
                    behind.add(new ThrottleReason.ReplicaBehind(name, lag, bytes, settings.maxReplayLag(),
                            settings.maxUnreplayedBytes()));
                }
            }
        }
        return behind;
    }

    private static String replicaName(String applicationName, String clientAddress, int pid) {
        if (applicationName != null && !applicationName.isEmpty()) {
            return applicationName;
        }
        return clientAddress != null ? clientAddress : "walsender pid " + pid;
    }

    private List<ThrottleReason> vacuums(Connection connection) throws SQLException {
        List<ThrottleReason> running = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(VACUUMS)) {
            st.setString(1, settings.table());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getBoolean("table_exists")) {
                        throw new IllegalStateException("the throttle's table " + settings.table() + " does not exist"
                                + " (name it as in SQL, schema-qualified when not on the search path)");
                    }
                    int pid = rs.getInt("pid");
                    if (!rs.wasNull()) {
                        running.add(new ThrottleReason.VacuumRunning(pid, rs.getString("vacuumed"), rs.getString("phase"),
                                rs.getString("backend_type"), rs.getLong("heap_blks_scanned"), rs.getLong("heap_blks_total")));
                    }
                }
            }
        }
        return running;
    }
}
