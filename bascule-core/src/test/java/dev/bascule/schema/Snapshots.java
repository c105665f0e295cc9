package dev.bascule.schema;

import dev.bascule.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Test helpers: run DDL on one connection, read a snapshot. */
final class Snapshots {

    private Snapshots() {
    }

    /** Runs each statement in autocommit on one connection, so that SET lasts from one to the next. */
    static void run(TestDatabase db, List<String> statements) {
        try (Connection c = db.admin().connect(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage() + "\nin: " + sql, e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void run(TestDatabase db, String... statements) {
        run(db, List.of(statements));
    }

    static SchemaSnapshot read(TestDatabase db) {
        return read(db, SnapshotOptions.defaults());
    }

    static SchemaSnapshot read(TestDatabase db, SnapshotOptions options) {
        try (Connection c = db.admin().connect()) {
            return SchemaSnapshot.read(c, options);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
