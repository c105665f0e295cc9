package dev.bascule.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection borrowed from an application's pool, handed back as it was lent. Migrations change their session
 * ({@code SET search_path}, pg_dump's {@code set_config('search_path', '', false)}, {@code SET ROLE}), and the
 * runner itself sends {@code RESET ALL} and its timeouts; a pool would pass all that on to the application's next
 * query. So the session's own settings (those a pool's init SQL made) and its role are read when the connection
 * is borrowed and put back when it is closed. A connection that cannot be put back is aborted, so the pool
 * drops it instead of lending it out changed.
 */
final class BorrowedConnection implements InvocationHandler {

    private final Connection connection;
    private final Map<String, String> sessionSettings;
    private final String role;
    private boolean closed;

    private BorrowedConnection(Connection connection, Map<String, String> sessionSettings, String role) {
        this.connection = connection;
        this.sessionSettings = sessionSettings;
        this.role = role;
    }

    /** Wraps a connection just taken from a pool; reads its session state first. */
    static Connection wrap(Connection connection) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        String role;
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT name, setting FROM pg_catalog.pg_settings WHERE source = 'session'")) {
                while (rs.next()) {
                    settings.put(rs.getString(1), rs.getString(2));
                }
            }
            // The role is no row of pg_settings; 'none' when the session acts as its login user.
            try (ResultSet rs = st.executeQuery("SELECT pg_catalog.current_setting('role')")) {
                rs.next();
                role = rs.getString(1);
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit(); // reading settings opened a transaction; the runner expects none
        }
        return (Connection) Proxy.newProxyInstance(BorrowedConnection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, new BorrowedConnection(connection, settings, role));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "close" -> {
                if (!closed) {
                    closed = true;
                    giveBack();
                }
                return null;
            }
            case "isClosed" -> {
                return closed || connection.isClosed();
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "borrowed " + connection;
            }
            default -> {
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
    }

    /** Ends any open transaction, restores role and settings, and returns the connection to the pool. */
    private void giveBack() throws SQLException {
        try {
            if (!connection.isClosed()) {
                restore();
            }
        } catch (SQLException e) {
            // Better a pool one connection short than an application query under a migration's search_path.
            connection.abort(Runnable::run);
        } finally {
            connection.close();
        }
    }

    private void restore() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        try (Statement st = connection.createStatement()) {
            // RESET SESSION AUTHORIZATION also resets the role; RESET ALL leaves both alone.
            st.execute("RESET SESSION AUTHORIZATION; RESET ALL");
        }
        Map<String, String> restored = new LinkedHashMap<>(sessionSettings);
        if (!"none".equals(role)) {
            restored.put("role", role);
        }
        if (restored.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_catalog.set_config(?, ?, false)")) {
            for (Map.Entry<String, String> setting : restored.entrySet()) {
                ps.setString(1, setting.getKey());
                ps.setString(2, setting.getValue());
                ps.executeQuery().close();
            }
        }
    }
}
