package dev.bascule.live;

import dev.bascule.db.Database;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.bascule.live.ThrottleReplicaTest.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The throttle and a real VACUUM on the batch's table; the replica half is in {@link ThrottleReplicaTest}. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ThrottleVacuumTest {

    private static final Throttle.Settings FAST = Throttle.Settings.defaults().withPollInterval(Duration.ofMillis(50));

    @Test
    void waitsWhileAVacuumWorksOnTheTableAndGivesUpAfterTheLimit(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int, note text)");
        db.execute("INSERT INTO moves SELECT g, 'move ' || g FROM generate_series(1, 5000) g");
        db.execute("CREATE TABLE other (id int)");
        try (Connection reader = db.admin().connect(); Connection vacuum = db.admin().connect();
             Throttle throttle = new Throttle(db.admin()::connect, FAST.forTable("public.moves"));
             Throttle otherTable = new Throttle(db.admin()::connect, FAST.forTable("other"))) {
            assertThat(throttle.awaitClear(Duration.ofSeconds(5), line -> { })).isLessThan(Duration.ofSeconds(1));

            // An open cursor pins the first page; VACUUM (FREEZE) must clean that page and waits for the pin.
            reader.setAutoCommit(false);
            execute(reader, "DECLARE c CURSOR FOR SELECT * FROM moves");
            execute(reader, "FETCH 1 FROM c");
            int vacuumPid = LockWaitWatcher.backendPid(vacuum);
            CompletableFuture<Void> vacuuming = CompletableFuture.runAsync(() -> {
                try {
                    execute(vacuum, "VACUUM (FREEZE) moves");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitUntil(() -> !check(throttle).isEmpty(), Duration.ofSeconds(10), "the vacuum to show in pg_stat_progress_vacuum");
            assertThat(check(throttle)).singleElement().isInstanceOfSatisfying(ThrottleReason.VacuumRunning.class, v -> {
                assertThat(v.pid()).isEqualTo(vacuumPid);
                assertThat(v.table()).isEqualTo("moves");
                assertThat(v.describe()).matches("VACUUM on moves \\(pid " + vacuumPid + ", scanning heap, [0-9]+ % of the heap scanned\\)");
            });
            assertThat(otherTable.check()).isEmpty();

            List<String> progress = new CopyOnWriteArrayList<>();
            ThrottleTimeoutException timeout = catchThrowableOfType(ThrottleTimeoutException.class,
                    () -> throttle.awaitClear(Duration.ofMillis(400), progress::add));
            assertThat(timeout.getMessage()).matches("gave up after waiting [0-9]+ ms for the next batch: VACUUM on moves"
                    + " \\(pid [0-9]+, scanning heap, .*\\); let the replica catch up or the vacuum finish, or raise the"
                    + " throttle's limits");
            assertThat(timeout.reasons()).hasSize(1);
            assertThat(progress).singleElement().asString().startsWith("waiting: VACUUM on moves (pid " + vacuumPid);

            CompletableFuture<Duration> waited = CompletableFuture.supplyAsync(() -> {
                try {
                    return throttle.awaitClear(Duration.ofSeconds(20), progress::add);
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(waited).isNotDone();
            reader.rollback(); // the pin goes, the vacuum finishes, the batch may run
            vacuuming.get(10, TimeUnit.SECONDS);
            assertThat(waited.get(10, TimeUnit.SECONDS)).isGreaterThan(Duration.ofMillis(300));
        }
    }

    @Test
    void refusesARoleThatCannotSeeOtherSessionsStatistics(TestDatabase db) throws Exception {
        db.execute("CREATE ROLE batcher LOGIN PASSWORD 'batcher-pw'");
        Database asBatcher = new Database(db.url(), "batcher", "batcher-pw");
        try (Throttle throttle = new Throttle(asBatcher::connect, FAST)) {
            assertThatThrownBy(throttle::check).isInstanceOf(IllegalStateException.class)
                    .hasMessage("role batcher cannot see replication lag or vacuum progress of other sessions:"
                            + " GRANT pg_monitor TO \"batcher\", or turn the throttle off");
        }
        db.execute("GRANT pg_monitor TO batcher");
        try (Throttle throttle = new Throttle(asBatcher::connect, FAST)) {
            assertThat(throttle.check()).isEmpty();
        }
    }

    @Test
    void saysWhenTheBatchTableDoesNotExist(TestDatabase db) throws Exception {
        try (Throttle throttle = new Throttle(db.admin()::connect, FAST.forTable("public.mooves"))) {
            assertThatThrownBy(() -> throttle.awaitClear(Duration.ofSeconds(1), line -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the throttle's table public.mooves does not exist (name it as in SQL, schema-qualified when"
                            + " not on the search path)");
        }
    }

    private static List<ThrottleReason> check(Throttle throttle) {
        try {
            return throttle.check();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
