package dev.bascule.run;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Changing a live database: lock waits are bounded, retried with backoff, and name who blocks; SET ROLE. */
@ExtendWith(EmbeddedPostgresExtension.class)
class LiveSafetyTest {

    @TempDir
    Path tmp;

    private final List<String> said = new CopyOnWriteArrayList<>();

    private Settings.Builder config(TestDatabase db, MigrationFolder m) {
        return Bascule.configure().database(db.admin()).locations(m.path()).lockWait(Duration.ofSeconds(5))
                .lockTimeout(Duration.ofMillis(300)).listener(new MigrationListener() {
                    @Override
                    public void info(String message) {
                        said.add(message);
                    }
                });
    }

    /** Another application session: a transaction that read the table and stays open (its pid noted first). */
    private int holder;

    private Connection readerHoldingTheTable(TestDatabase db, String table) throws Exception {
        Connection reader = db.admin().connect();
        holder = pidOf(reader);
        reader.setAutoCommit(false);
        try (Statement st = reader.createStatement()) {
            st.execute("SET application_name = 'reporting-job'");
            st.executeQuery("SELECT count(*) FROM " + table + " /* long report */").close();
        }
        return reader;
    }

    private static int pidOf(Connection connection) throws Exception {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Thread releaseAfter(Connection connection, long millis) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
                connection.rollback();
            } catch (Exception ignored) {
                // The test's assertions say what went wrong.
            }
        });
        t.start();
        return t;
    }

    @Test
    void aLockTimeoutIsRetriedWithBackoffAndEachRetryNamesTheBlocker(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int)");
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_add_status.up.sql", "ALTER TABLE moves ADD COLUMN status text;");
        try (Connection reader = readerHoldingTheTable(db, "moves")) {
            Thread release = releaseAfter(reader, 1500);
            assertThat(config(db, m).lockRetries(8).load().migrate().applied()).hasSize(1);
            release.join();
            assertThat(said).anySatisfy(line -> assertThat(line).contains("1_add_status.up.sql: lock timeout on attempt 1 of 9")
                    .contains("retrying in").contains("blocked by pid " + holder).contains("reporting-job")
                    .contains("SELECT count(*) FROM moves"));
            assertThat(said).anySatisfy(line -> assertThat(line).startsWith("waiting for a lock: blocked by pid " + holder));
        }
        assertThat(db.column("SELECT count(*) FROM information_schema.columns WHERE table_name = 'moves' AND column_name = 'status'"))
                .containsExactly("1");
    }

    @Test
    void whenRetriesRunOutTheErrorNamesTheBlockerAndWhatToDo(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int)");
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_add_status.up.sql", "ALTER TABLE moves ADD COLUMN status text;");
        try (Connection reader = readerHoldingTheTable(db, "moves")) {
            assertThatThrownBy(() -> config(db, m).lockRetries(1).load().migrate())
                    .isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> assertThat(e.getMessage())
                            .contains("1_add_status.up.sql:1").contains("lock timeout on attempt 2 of 2")
                            .contains("no retries left").contains("pid " + holder).contains("pg_terminate_backend")
                            .contains("rolled back"));
            reader.rollback();
        }
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("0");
    }

    @Test
    void aConcurrentIndexBuildThatTimesOutIsCleanedAndBuiltAgainOnRetry(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int); INSERT INTO moves SELECT generate_series(1, 1000)");
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_index.up.sql", "-- bascule:no-transaction\nCREATE INDEX CONCURRENTLY moves_id_idx ON moves (id);\n");
        try (Connection reader = readerHoldingTheTable(db, "moves")) {
            Thread release = releaseAfter(reader, 1500);
            assertThat(config(db, m).lockRetries(8).load().migrate().applied()).hasSize(1);
            release.join();
        }
        assertThat(said).anySatisfy(line -> assertThat(line).contains("lock timeout on attempt 1"));
        assertThat(db.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 'moves_id_idx'::regclass"))
                .containsExactly("t");
    }

    @Test
    void anInvalidIndexLeftByAnEarlierRunIsNeverRecordedAsApplied(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE codes (code int); INSERT INTO codes VALUES (1), (1), (2)");
        try (Connection c = db.admin().connect(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("CREATE UNIQUE INDEX CONCURRENTLY codes_code_key ON codes (code)"));
        }
        assertThat(db.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 'codes_code_key'::regclass"))
                .containsExactly("f");
        db.execute("DELETE FROM codes WHERE ctid = (SELECT max(ctid) FROM codes WHERE code = 1)");
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_unique.up.sql", "-- bascule:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS codes_code_key ON codes (code);\n");
        assertThat(config(db, m).load().migrate().applied()).hasSize(1);
        assertThat(said).anySatisfy(line -> assertThat(line).contains("codes_code_key exists but is INVALID"));
        assertThat(db.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 'codes_code_key'::regclass"))
                .containsExactly("t");
    }

    @Test
    void aLockedHistoryTableIsABoundedWaitThatNamesTheHolder(TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        config(db, m).load().migrate();
        try (Connection locker = db.admin().connect()) {
            locker.setAutoCommit(false);
            try (Statement st = locker.createStatement()) {
                st.execute("SET application_name = 'hand-edit'");
                st.execute("LOCK TABLE bascule_schema_migrations IN ACCESS EXCLUSIVE MODE");
            }
            int holder = pidOf(locker);
            long start = System.nanoTime();
            assertThatThrownBy(() -> config(db, m).load().status())
                    .isInstanceOf(BasculeException.Configuration.class)
                    .hasMessageContaining("bascule_schema_migrations").hasMessageContaining("locked by pid " + holder)
                    .hasMessageContaining("hand-edit");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            locker.rollback();
        }
    }

    @Test
    void setRoleMakesTheApplicationRoleOwnTheObjects(TestDatabase db) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String app = "app_owner_" + suffix;
        String deployer = "deployer_" + suffix;
        db.execute("CREATE ROLE " + app + " NOLOGIN; CREATE ROLE " + deployer + " LOGIN PASSWORD 'deploy-pw';"
                + " GRANT " + app + " TO " + deployer + "; GRANT CREATE ON DATABASE " + db.name() + " TO " + app + ";"
                + " GRANT CREATE, USAGE ON SCHEMA public TO " + app);
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_pets.up.sql", "CREATE TABLE pets (id int);");
        Database asDeployer = new Database(db.url(), deployer, "deploy-pw");
        Bascule.configure().database(asDeployer).locations(m.path()).role(app).load().migrate();
        assertThat(db.column("SELECT tableowner FROM pg_tables WHERE tablename IN ('pets', 'bascule_schema_migrations')"
                + " ORDER BY tablename")).containsExactly(app, app);

        assertThatThrownBy(() -> Bascule.configure().database(asDeployer).locations(m.path()).role("no_such_role_" + suffix)
                .load().status()).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("cannot SET ROLE no_such_role_" + suffix).hasMessageContaining("exists");
        db.execute("CREATE ROLE other_" + suffix + " NOLOGIN");
        assertThatThrownBy(() -> Bascule.configure().database(asDeployer).locations(m.path()).role("other_" + suffix)
                .load().status()).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("cannot SET ROLE other_" + suffix).hasMessageContaining("GRANT other_" + suffix);
    }
}
