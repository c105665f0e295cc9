package dev.bascule.adopt;

import dev.bascule.testing.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections that send a whole script as one simple-protocol Query message, as Go's lib/pq does for an
 * {@code Exec} without arguments (golang-migrate, dbmate) and tokio-postgres' {@code simple_query} does for
 * Prisma: PostgreSQL then runs a multi-statement script as one implicit transaction. pgjdbc sends one Query for
 * the whole string in {@code preferQueryMode=simple}.
 */
final class SimpleQuery {

    private SimpleQuery() {
    }

    static Connection connect(TestDatabase db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("preferQueryMode", "simple");
        return DriverManager.getConnection(db.url(), p);
    }
}
