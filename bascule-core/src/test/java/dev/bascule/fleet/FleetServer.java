package dev.bascule.fleet;

import dev.bascule.db.Database;
import dev.bascule.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The embedded test server seen as a fleet's server: creates databases with one prefix per test (so tests sharing
 * the server never see each other's), runs SQL in any of them as the superuser.
 */
public record FleetServer(int port, String prefix) {

    /** The server of a test's database, with a fresh prefix. */
    public static FleetServer of(TestDatabase db) {
        return new FleetServer(db.port(), "f" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_");
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates {@code prefix + suffix} for each suffix; returns the full names. */
    public List<String> create(String... suffixes) {
        List<String> names = new ArrayList<>();
        for (String suffix : suffixes) {
            String name = prefix + suffix;
            execute("postgres", "CREATE DATABASE " + name);
            names.add(name);
        }
        return names;
    }

    public void execute(String database, String sql) {
        try (Connection c = new Database(url(database), "postgres", null).connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The first column of every row, as strings. */
    public List<String> column(String database, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = new Database(url(database), "postgres", null).connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return values;
    }

    /** A local port nothing listens on (taken and released again): connecting to it is refused at once. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
