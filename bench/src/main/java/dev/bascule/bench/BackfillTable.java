package dev.bascule.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The table the data-migration benchmark backfills: {@code users(id bigint PRIMARY KEY, email text, payload text,
 * touched int, hits int)} with gaps in the key (id = 4i + i mod 3). Nine rows in ten have an email that is not
 * lower-cased and trimmed: those are the rows every contender must change. {@code touched} is incremented by the
 * backfill statements (a row changed twice shows 2); {@code hits} is pgbench's.
 */
final class BackfillTable {

    static final String TEMPLATE = "bench_users_template";
    static final String TABLE = "users";
    /** The predicate of the rows still to change; every contender's WHERE. */
    static final String DIRTY = "email <> lower(trim(email))";

    private BackfillTable() {
    }

    /** Writes the template once (unlogged: only its copies are measured). */
    static void createTemplate(Connection c, long rows) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TEMPLATE);
            st.execute("CREATE UNLOGGED TABLE " + TEMPLATE + " (id bigint NOT NULL, email text NOT NULL,"
                    + " payload text NOT NULL, touched int NOT NULL, hits int NOT NULL)");
            st.execute("INSERT INTO " + TEMPLATE + " SELECT 4 * i + i % 3, CASE WHEN i % 10 = 0"
                    + " THEN 'user' || i || '@example.org' ELSE ' User' || i || '@Example.ORG ' END,"
                    + " repeat(md5(i::text), 3), 0, 0 FROM generate_series(1, " + rows + ") i");
        }
    }

    /** Replaces {@code users} with a fresh copy of the template, keyed, vacuumed, analysed and checkpointed. */
    static void reset(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TABLE);
            st.execute("CREATE TABLE " + TABLE + " AS SELECT * FROM " + TEMPLATE);
            st.execute("ALTER TABLE " + TABLE + " ADD PRIMARY KEY (id)");
            st.execute("VACUUM (ANALYZE) " + TABLE);
            st.execute("CHECKPOINT");
        }
    }

    static void vacuum(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("VACUUM (ANALYZE) " + TABLE);
            st.execute("CHECKPOINT");
        }
    }

    static long dirtyRows(Connection c) throws SQLException {
        return count(c, "SELECT count(*) FROM " + TABLE + " WHERE " + DIRTY);
    }

    static long changedTwice(Connection c) throws SQLException {
        return count(c, "SELECT count(*) FROM " + TABLE + " WHERE touched > 1");
    }

    static long maxId(Connection c) throws SQLException {
        return count(c, "SELECT max(id) FROM " + TABLE);
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
