package dev.bascule.fleet;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.error.BasculeException;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Fleet} over real databases of the embedded server. */
@ExtendWith(EmbeddedPostgresExtension.class)
class FleetTest {

    @TempDir
    Path tmp;

    private MigrationFolder threeMigrations() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("migrations"));
        m.write("0001_create_accounts.up.sql", "CREATE TABLE accounts (id int PRIMARY KEY);\n");
        m.write("0002_create_items.up.sql", "CREATE TABLE items (id int PRIMARY KEY);\n");
        m.write("0003_seed_accounts.up.sql", "INSERT INTO accounts VALUES (1), (2);\n");
        return m;
    }

    private static Settings settings(String url, MigrationFolder m) {
        return Bascule.configure().dataSource(url, "postgres", null).locations(m.path()).lockWait(java.time.Duration.ofSeconds(5))
                .build();
    }

    @Test
    void oneUnreachableAndOneFailingTargetNeitherStopNorTouchTheOthersAndARerunAppliesNothing(TestDatabase db) {
        FleetServer server = FleetServer.of(db);
        List<String> dbs = server.create("bad", "a", "b", "c");
        // 0002 fails on 'bad' only: its items table is already there.
        server.execute(dbs.get(0), "CREATE TABLE items (other text)");
        MigrationFolder m = threeMigrations();
        List<FleetTarget> targets = new ArrayList<>();
        // The failing targets come first and run one at a time: had a failure stopped the fleet, a, b and c never would.
        targets.add(FleetTarget.of("down", settings("jdbc:postgresql://127.0.0.1:" + FleetServer.closedPort() + "/x", m)));
        for (String name : dbs) {
            targets.add(FleetTarget.of(name, settings(server.url(name), m)));
        }
        List<FleetResult> finished = Collections.synchronizedList(new ArrayList<>());
        FleetReport first = new Fleet(targets, 1).migrate(new FleetListener() {
            @Override
            public void targetFinished(FleetResult result) {
                finished.add(result);
            }
        });

        assertThat(first.results()).extracting(r -> r.target().name()).containsExactly("down", dbs.get(0), dbs.get(1),
                dbs.get(2), dbs.get(3));
        assertThat(finished).hasSize(5);
        FleetResult down = first.results().get(0);
        assertThat(down.outcome()).isEqualTo(TargetOutcome.CONFIG);
        assertThat(down.exitCode()).isEqualTo(2);
        assertThat(down.errorSummary()).contains("cannot reach the database");
        assertThat(down.pending()).isEqualTo(OptionalInt.empty());
        FleetResult bad = first.results().get(1);
        assertThat(bad.outcome()).isEqualTo(TargetOutcome.FAILED);
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.error().orElseThrow()).contains("0002_create_items.up.sql").contains("already exists");
        assertThat(bad.applied()).isEqualTo(1);
        assertThat(bad.pending()).isEqualTo(OptionalInt.of(2));
        for (FleetResult good : first.results().subList(2, 5)) {
            assertThat(good.outcome()).as(good.toString()).isEqualTo(TargetOutcome.OK);
            assertThat(good.applied()).isEqualTo(3);
            assertThat(good.pending()).isEqualTo(OptionalInt.of(0));
            assertThat(server.column(good.target().name(), "SELECT count(*) FROM accounts")).containsExactly("2");
        }
        assertThat(first.allSucceeded()).isFalse();
        assertThat(first.failed()).extracting(r -> r.target().name()).containsExactly("down", dbs.get(0));
        // The failed target's transaction rolled back alone: 0001 stays applied, its own table untouched.
        assertThat(server.column(dbs.get(0), "SELECT string_agg(version::text, ',') FROM bascule_schema_migrations WHERE success"))
                .containsExactly("1");
        assertThat(server.column(dbs.get(0), "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items'"))
                .containsExactly("1");

        FleetReport again = new Fleet(targets, 3).migrate(FleetListener.NONE);
        assertThat(again.results()).extracting(FleetResult::outcome).containsExactly(TargetOutcome.CONFIG, TargetOutcome.FAILED,
                TargetOutcome.OK, TargetOutcome.OK, TargetOutcome.OK);
        assertThat(again.results()).extracting(FleetResult::applied).containsExactly(0, 0, 0, 0, 0);
        for (String name : dbs.subList(1, 4)) {
            assertThat(server.column(name, "SELECT count(*) FROM bascule_schema_migrations")).containsExactly("3");
        }
    }

    @Test
    void neverMoreThanParallelTargetsAndTwiceThatManyConnectionsAtOnce(TestDatabase db) {
        FleetServer server = FleetServer.of(db);
        List<String> dbs = server.create("1", "2", "3", "4", "5", "6");
        MigrationFolder m = new MigrationFolder(tmp.resolve("sampling"));
        // Each migration waits, then records what pg_stat_activity shows of this test's fleet at that moment: every
        // client session on its databases (the test itself holds none while the fleet runs). Not by application_name:
        // the runner's RESET ALL before each migration clears the name pgjdbc set.
        String sample = "SELECT pg_sleep(0.3);\nINSERT INTO samples SELECT count(*), count(DISTINCT datname) FROM pg_stat_activity"
                + " WHERE backend_type = 'client backend' AND datname LIKE '" + server.prefix().replace("_", "\\_") + "%';\n";
        m.write("0001_samples.up.sql", "CREATE TABLE samples (sessions int, databases int);\n" + sample);
        m.write("0002_sample.up.sql", sample);
        m.write("0003_sample.up.sql", sample);
        List<FleetTarget> targets = dbs.stream().map(name -> FleetTarget.of(name, settings(server.url(name), m))).toList();

        FleetReport report = new Fleet(targets, 2).migrate(FleetListener.NONE);

        assertThat(report.allSucceeded()).as(report.table()).isTrue();
        assertThat(report.maxConnections()).isEqualTo(4);
        List<Integer> sessions = new ArrayList<>();
        List<Integer> databases = new ArrayList<>();
        for (String name : dbs) {
            server.column(name, "SELECT sessions FROM samples").forEach(s -> sessions.add(Integer.parseInt(s)));
            server.column(name, "SELECT databases FROM samples").forEach(s -> databases.add(Integer.parseInt(s)));
        }
        assertThat(sessions).hasSize(18);
        assertThat(Collections.max(databases)).as("targets at once").isEqualTo(2);
        assertThat(Collections.max(sessions)).as("connections at once").isLessThanOrEqualTo(4);
        assertThat(Collections.min(sessions)).as("a migrating target holds its run's and its watcher's connection").isGreaterThanOrEqualTo(2);
    }

    @Test
    void statusAndValidateReportEachTargetAndNameTheOneThatNeedsAttention(TestDatabase db) {
        FleetServer server = FleetServer.of(db);
        List<String> dbs = server.create("a", "b");
        MigrationFolder m = threeMigrations();
        List<FleetTarget> targets = dbs.stream().map(name -> FleetTarget.of(name, settings(server.url(name), m))).toList();
        Fleet fleet = new Fleet(targets, 2);

        FleetReport before = fleet.status(FleetListener.NONE);
        assertThat(before.allSucceeded()).isTrue();
        assertThat(before.results()).extracting(FleetResult::pending).containsExactly(OptionalInt.of(3), OptionalInt.of(3));
        assertThat(fleet.validate(FleetListener.NONE).allSucceeded()).isTrue();
        assertThat(fleet.migrate(FleetListener.NONE).allSucceeded()).isTrue();
        server.execute(dbs.get(1), "UPDATE bascule_schema_migrations SET checksum = 'tampered' WHERE version = 2");

        FleetReport after = fleet.status(FleetListener.NONE);
        assertThat(after.results()).extracting(FleetResult::outcome).containsExactly(TargetOutcome.OK, TargetOutcome.ATTENTION);
        assertThat(after.results().get(0).applied()).isEqualTo(3);
        assertThat(after.results().get(1).errorSummary()).startsWith("needs attention: 1 changed");
        FleetReport validated = fleet.validate(FleetListener.NONE);
        assertThat(validated.results()).extracting(FleetResult::outcome).containsExactly(TargetOutcome.OK, TargetOutcome.INVALID);
        assertThat(validated.results().get(1).errorSummary()).contains("0002_create_items.up.sql");
    }

    @Test
    void refusesTargetsThatNameOneDatabaseTwiceAndAParallelBelowOne(TestDatabase db) {
        MigrationFolder m = threeMigrations();
        FleetTarget one = FleetTarget.of("one", settings(db.url(), m));
        FleetTarget two = FleetTarget.of("two", settings(db.url().replace("127.0.0.1", "127.0.0.1") + "?ApplicationName=x", m));
        assertThatThrownBy(() -> new Fleet(List.of(one, two), 2)).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("targets 'one' and 'two' name the same database and history table");
        assertThatThrownBy(() -> new Fleet(List.of(one), 0)).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("--parallel must be at least 1");
        assertThatThrownBy(() -> new Fleet(List.of(), 1)).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("no targets");
    }
}
