package dev.bascule.run;

import dev.bascule.Bascule;
import dev.bascule.error.BasculeException;
import dev.bascule.history.AdvisoryLock;
import dev.bascule.history.HistoryTable;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.PostgresMatrixTest;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The advisory lock, lock-timeout retries and a failing migration's rollback, on PostgreSQL 13 to 18. */
class RunnerMatrixTest {

    @TempDir
    Path tmp;

    @PostgresMatrixTest
    void anotherRunnersLockIsWaitedForWithALimitThenExitFour(TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        try (Connection other = db.admin().connect();
             PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
            ps.setLong(1, AdvisoryLock.keyFor(new HistoryTable("public", "bascule_schema_migrations")));
            ps.execute();
            assertThatThrownBy(() -> Bascule.configure().database(db.admin()).locations(m.path())
                    .lockWait(Duration.ofSeconds(1)).load().migrate())
                    .isInstanceOfSatisfying(BasculeException.LockNotObtained.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(4);
                        assertThat(e.getMessage()).contains("backend pid");
                    });
        }
        assertThat(db.tableExists("a")).isFalse();
    }

    @PostgresMatrixTest
    void aLockTimeoutIsRetriedNamingTheBlockerThenSucceeds(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int)");
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_add.up.sql", "ALTER TABLE moves ADD COLUMN status text;");
        List<String> said = new CopyOnWriteArrayList<>();
        try (Connection reader = db.admin().connect()) {
            reader.setAutoCommit(false);
            try (Statement st = reader.createStatement()) {
                st.executeQuery("SELECT count(*) FROM moves").close();
            }
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(1200);
                    reader.rollback();
                } catch (Exception ignored) {
                    // The assertions below say what went wrong.
                }
            });
            release.start();
            Bascule.configure().database(db.admin()).locations(m.path()).lockTimeout(Duration.ofMillis(300)).lockRetries(10)
                    .listener(new MigrationListener() {
                        @Override
                        public void info(String message) {
                            said.add(message);
                        }
                    }).load().migrate();
            release.join();
        }
        assertThat(said).anySatisfy(line -> assertThat(line).contains("lock timeout on attempt 1").contains("blocked by pid"));
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations WHERE success")).containsExactly("1");
    }

    @PostgresMatrixTest
    void aFailingTransactionalMigrationLeavesNothingAndNamesFileAndLine(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_bad.up.sql", "CREATE TABLE half (x int);\nINSERT INTO half VALUES ('not a number');");
        assertThatThrownBy(() -> Bascule.configure().database(db.admin()).locations(m.path()).load().migrate())
                .isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> assertThat(e.getMessage())
                        .contains("1_bad.up.sql:2").contains("rolled back"));
        assertThat(db.tableExists("half")).isFalse();
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("0");
    }
}
