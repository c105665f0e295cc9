package dev.bascule.testing;

import dev.bascule.db.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A fresh database on the embedded test server; {@code postgres} is superuser and needs no password. */
public record TestDatabase(int port, String name) {

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    public Database admin() {
        return new Database(url(), "postgres", null);
    }

    /** Runs SQL as the superuser, in autocommit. */
    public void execute(String sql) {
        try (Connection c = admin().connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The first column of every row of a query, as strings. */
    public List<String> column(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = admin().connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return values;
    }

    public boolean tableExists(String table) {
        return !column("SELECT 1 FROM pg_class WHERE relname = '" + table + "' AND relkind IN ('r', 'p')").isEmpty();
    }
}
