package dev.bascule.run;

import dev.bascule.db.Database;
import dev.bascule.history.HistoryTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Says what went wrong when one of Bascule's own statements (history, lock) failed: a lock wait that ran out names
 * the sessions holding locks on the history table and what to do, instead of a bare driver message.
 */
final class OwnStatementFailure {

    private OwnStatementFailure() {
    }

    static String describe(SQLException e, Database database, HistoryTable history) {
        String base = e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
        if ("55P03".equals(e.getSQLState()) || "57014".equals(e.getSQLState())) {
            String holders = holders(database, history);
            return "waiting for the history table " + history.qualifiedName() + " ran out of time: " + base
                    + (holders.isEmpty() ? "" : "; it is locked by " + holders)
                    + ": end that session (SELECT pg_terminate_backend(pid)) or retry when it is done";
        }
        return base;
    }

    /** The sessions holding a lock on the history table, looked up from a fresh connection; empty when unknown. */
    private static String holders(Database database, HistoryTable history) {
        String sql = "SELECT a.pid, a.usename, a.application_name, a.state, l.mode,"
                + " round(extract(epoch FROM clock_timestamp() - a.xact_start))::bigint, left(regexp_replace(a.query, '\\s+', ' ', 'g'), 80)"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.granted AND l.relation = to_regclass(?) AND a.pid <> pg_backend_pid() ORDER BY a.pid";
        List<String> found = new ArrayList<>();
        try (Connection probe = database.connect()) {
            try (var st = probe.createStatement()) {
                st.execute("SET statement_timeout = 5000");
            }
            try (PreparedStatement ps = probe.prepareStatement(sql)) {
                ps.setString(1, history.qualifiedName());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add("pid " + rs.getInt(1) + " (" + rs.getString(2) + ", application_name="
                                + rs.getString(3) + ", " + rs.getString(4) + ", holds " + rs.getString(5)
                                + ", transaction open " + rs.getLong(6) + " s): \"" + rs.getString(7) + "\"");
                    }
                }
            }
        } catch (SQLException | RuntimeException ignored) {
            return "";
        }
        return String.join("; ", found);
    }
}
