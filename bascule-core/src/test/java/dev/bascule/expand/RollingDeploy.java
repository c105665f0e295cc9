package dev.bascule.expand;

import dev.bascule.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A rolling deploy, simulated: writers of the old and of the new release write the table while an expand/contract
 * change is applied, and a checker compares the two columns the whole time, each read in one snapshot (REPEATABLE
 * READ), so "disagree" means: disagree in some committed state of the database. Every committed write is kept in
 * a ledger with the row's {@code rev} (incremented by each UPDATE under the row lock, so the highest rev is the
 * last write), to prove at the end that no write was lost in either direction.
 */
final class RollingDeploy {

    /**
     * @param table        the table (its key {@code id} bigserial, {@code locator text}, {@code rev integer})
     * @param oldColumn    the column the old release writes
     * @param newColumn    the column the new release writes
     * @param oldParameter how the old release binds a value, e.g. {@code ?} or {@code CAST(? AS integer)}
     * @param newParameter how the new release binds a value, e.g. {@code CAST(? AS move_kind)}
     * @param values       a value to write as text (null for NULL), for the old or the new release
     * @param defaultText  what a row inserted without the column holds, as text
     * @param disagreement a SQL condition over one row: the two columns do not hold the same value
     */
    record Scenario(String table, String oldColumn, String newColumn, String oldParameter, String newParameter,
                    Function<Random, String> values, String defaultText, String disagreement) {
    }

    /** A committed write: the row's rev after it, the value written (as text), by which release in which phase. */
    record Written(int rev, String value, String by) {
    }

    private final Database database;
    private final Scenario scenario;
    private final AtomicReference<String> phase = new AtomicReference<>("before");
    private final Map<Long, Written> ledger = new ConcurrentHashMap<>();
    private final AtomicLong maxId = new AtomicLong();
    final List<String> writeErrors = Collections.synchronizedList(new ArrayList<>());
    final List<String> checkerErrors = Collections.synchronizedList(new ArrayList<>());
    final List<String> disagreements = Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicLong> writes = new ConcurrentHashMap<>();
    final AtomicLong checksWithBothColumns = new AtomicLong();
    final AtomicLong checksAfterBackfill = new AtomicLong();
    private volatile boolean backfillDone;

    RollingDeploy(Database database, Scenario scenario) {
        this.database = database;
        this.scenario = scenario;
    }

    /** Reads the rows already in the table into the ledger (rev 0) before any writer starts. */
    void recordExistingRows() throws SQLException {
        try (Connection c = database.connect(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, " + scenario.oldColumn() + "::text, rev FROM " + scenario.table())) {
            while (rs.next()) {
                ledger.put(rs.getLong(1), new Written(rs.getInt(3), rs.getString(2), "seed"));
                maxId.accumulateAndGet(rs.getLong(1), Math::max);
            }
        }
    }

    void phase(String name) {
        phase.set(name);
    }

    void backfillDone() {
        backfillDone = true;
    }

    Map<Long, Written> ledger() {
        return ledger;
    }

    /** A writer of one release: inserts and updates through {@code column}, each statement committed alone. */
    final class Writer extends Worker {
        private final String release;
        private final String column;
        private final String parameter;

        Writer(String release, String column, String parameter, long seed) {
            super(release + "-writer", seed);
            this.release = release;
            this.column = column;
            this.parameter = parameter;
        }

        @Override
        void step(Connection c, Random random) throws SQLException {
            String value = scenario.values().apply(random);
            boolean insert = random.nextInt(4) == 0;
            while (insert && value == null && release.equals("old") && phase.get().equals("phase2")
                    && scenario.defaultText() != null) {
                // The one case phase 2 cannot tell apart (docs/expand-contract.md, "What the trigger cannot know"):
                // an explicit NULL inserted by the old release into a column with a default gets the default.
                value = scenario.values().apply(random);
            }
            if (insert) {
                boolean omit = random.nextInt(6) == 0;
                String sql = omit ? "INSERT INTO " + scenario.table() + " (locator) VALUES (?) RETURNING id, rev"
                        : "INSERT INTO " + scenario.table() + " (locator, " + column + ") VALUES (?, " + parameter
                        + ") RETURNING id, rev";
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    st.setString(1, release + "-" + random.nextLong());
                    if (!omit) {
                        bind(st, 2, value);
                    }
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        record(rs.getLong(1), rs.getInt(2), omit ? scenario.defaultText() : value);
                        maxId.accumulateAndGet(rs.getLong(1), Math::max);
                    }
                }
            } else {
                // A few hot rows get most updates, so both releases often write the same row.
                long id = random.nextInt(3) == 0 ? 1 + random.nextInt(20) : 1 + (long) (random.nextDouble() * maxId.get());
                try (PreparedStatement st = c.prepareStatement("UPDATE " + scenario.table() + " SET " + column + " = "
                        + parameter + ", rev = rev + 1 WHERE id = ? RETURNING rev")) {
                    bind(st, 1, value);
                    st.setLong(2, id);
                    try (ResultSet rs = st.executeQuery()) {
                        if (rs.next()) {
                            record(id, rs.getInt(1), value);
                        }
                    }
                }
            }
            writes.computeIfAbsent(release + "@" + phase.get(), k -> new AtomicLong()).incrementAndGet();
        }

        private void record(long id, int rev, String value) {
            ledger.merge(id, new Written(rev, value, release + "@" + phase.get()), (a, b) -> a.rev() >= b.rev() ? a : b);
        }

        private void bind(PreparedStatement st, int index, String value) throws SQLException {
            if (value == null) {
                st.setNull(index, Types.VARCHAR);
            } else {
                st.setString(index, value);
            }
        }

        @Override
        void failed(SQLException e) {
            writeErrors.add(release + " writer in " + phase.get() + ": " + e.getSQLState() + " " + e.getMessage());
        }
    }

    /** Compares the two columns in one snapshot, over and over. */
    final class Checker extends Worker {

        Checker() {
            super("checker", 0);
        }

        @Override
        void step(Connection c, Random random) throws SQLException {
            boolean afterBackfill = backfillDone; // read before the snapshot: the backfill committed before it
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                int present;
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_attribute WHERE attrelid = '"
                        + scenario.table() + "'::regclass AND attnum > 0 AND NOT attisdropped AND attname IN ('"
                        + scenario.oldColumn() + "', '" + scenario.newColumn() + "')")) {
                    rs.next();
                    present = rs.getInt(1);
                }
                if (present == 2) {
                    String wrong = "(" + scenario.disagreement() + ") AND (" + scenario.newColumn() + " IS NOT NULL"
                            + (afterBackfill ? " OR true)" : ")");
                    try (ResultSet rs = st.executeQuery("SELECT id, " + scenario.oldColumn() + "::text, "
                            + scenario.newColumn() + "::text FROM " + scenario.table() + " WHERE " + wrong + " LIMIT 3")) {
                        while (rs.next()) {
                            disagreements.add("in " + phase.get() + ": row " + rs.getLong(1) + " has "
                                    + scenario.oldColumn() + " = " + rs.getString(2) + ", " + scenario.newColumn()
                                    + " = " + rs.getString(3));
                        }
                    }
                    checksWithBothColumns.incrementAndGet();
                    if (afterBackfill) {
                        checksAfterBackfill.incrementAndGet();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (!"42703".equals(e.getSQLState())) { // a column dropped between the two queries: look again
                    throw e;
                }
            } finally {
                c.setAutoCommit(true);
            }
            pause(5);
        }

        @Override
        void failed(SQLException e) {
            checkerErrors.add("checker in " + phase.get() + ": " + e.getSQLState() + " " + e.getMessage());
        }
    }

    /** A thread with its own connection repeating {@link #step} until stopped; an error ends it. */
    abstract class Worker extends Thread {
        private final Random random;
        private volatile boolean running = true;

        Worker(String name, long seed) {
            super(name);
            this.random = new Random(seed);
            setDaemon(true);
        }

        abstract void step(Connection c, Random random) throws SQLException;

        abstract void failed(SQLException e);

        @Override
        public void run() {
            try (Connection c = database.connect()) {
                try (var st = c.createStatement()) {
                    st.execute("SET statement_timeout = '30s'");
                }
                while (running) {
                    try {
                        step(c, random);
                    } catch (SQLException e) {
                        failed(e);
                        pause(20);
                    }
                }
            } catch (SQLException e) {
                failed(e);
            }
        }

        /** Stops the loop and waits for the current statement (bounded by its statement_timeout). */
        void finish() throws InterruptedException {
            running = false;
            join(60_000);
            if (isAlive()) {
                throw new IllegalStateException(getName() + " did not stop within 60 s");
            }
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
