package dev.bascule.fleet;

import dev.bascule.Overrides;
import dev.bascule.Project;
import dev.bascule.error.BasculeException;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where targets come from: environments by pattern, a URL file, a query on a server; each then migrated for real. */
@ExtendWith(EmbeddedPostgresExtension.class)
class FleetTargetsTest {

    @TempDir
    Path tmp;

    private static final Map<String, String> NO_VARIABLES = Map.of();

    private void migrations() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("db"));
        m.write("0001_create_notes.up.sql", "CREATE TABLE notes (id int);\n");
        m.write("0002_seed_notes.up.sql", "INSERT INTO notes VALUES (1);\n");
    }

    private FleetTargets sources(Overrides overrides) {
        return new FleetTargets(Project.open(tmp, null, NO_VARIABLES::get), NO_VARIABLES::get, overrides);
    }

    @Test
    void environmentsMatchingAPatternEachWithItsOwnDatabaseAndAnUnresolvableOneFailingAlone(TestDatabase db) throws Exception {
        FleetServer server = FleetServer.of(db);
        List<String> dbs = server.create("a", "b", "other");
        migrations();
        Files.writeString(tmp.resolve("bascule.yml"), """
                default-environment: other
                environments:
                  tenant_a: {url: "%s", user: postgres, paths: [db]}
                  tenant_b: {url: "%s", user: postgres, paths: [db]}
                  tenant_broken: {url: "%s", user: postgres, password: "${TENANT_BROKEN_PASSWORD}", paths: [db]}
                  other: {url: "%s", user: postgres, paths: [db]}
                """.formatted(server.url(dbs.get(0)), server.url(dbs.get(1)), server.url("nowhere"), server.url(dbs.get(2))));

        List<FleetTarget> tenants = sources(Overrides.none()).environments("tenant_*");
        assertThat(tenants).extracting(FleetTarget::name).containsExactly("tenant_a", "tenant_b", "tenant_broken");
        assertThat(tenants.get(2).unresolved().orElseThrow()).contains("TENANT_BROKEN_PASSWORD");
        assertThat(sources(Overrides.none()).environments("tenant_?, other")).extracting(FleetTarget::name)
                .containsExactly("tenant_a", "tenant_b", "other");
        assertThat(sources(Overrides.none()).environments("tenant_a")).extracting(FleetTarget::name).containsExactly("tenant_a");

        FleetReport report = new Fleet(tenants, 2).migrate(FleetListener.NONE);
        assertThat(report.results()).extracting(FleetResult::outcome)
                .containsExactly(TargetOutcome.OK, TargetOutcome.OK, TargetOutcome.CONFIG);
        assertThat(server.column(dbs.get(0), "SELECT count(*) FROM notes")).containsExactly("1");
        assertThat(server.column(dbs.get(1), "SELECT count(*) FROM notes")).containsExactly("1");
        assertThat(server.column(dbs.get(2), "SELECT count(*) FROM pg_class WHERE relname = 'notes'")).containsExactly("0");

        assertThatThrownBy(() -> sources(Overrides.none()).environments("eu_*"))
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("--envs 'eu_*' matches none of the environments [tenant_a, tenant_b, tenant_broken, other]");
        assertThatThrownBy(() -> sources(new Overrides(null, server.url("x"), null, null, List.of(), null, false, null, null,
                null, null)).environments("tenant_*")).hasMessageContaining("drop --url");
    }

    @Test
    void aFileOfUrlsInBothSpellingsWithCommentsTakesItsSettingsFromTheEnvironment(TestDatabase db) throws Exception {
        FleetServer server = FleetServer.of(db);
        List<String> dbs = server.create("one", "two");
        migrations();
        Files.writeString(tmp.resolve("bascule.yml"), """
                environments:
                  fleet: {user: postgres, paths: [db]}
                """);
        Files.writeString(tmp.resolve("targets.txt"), """
                # tenants of the 127.0.0.1 server
                %s

                postgres://postgres@127.0.0.1:%d/%s?sslmode=disable   # the second one
                """.formatted(server.url(dbs.get(0)), server.port(), dbs.get(1)));

        List<FleetTarget> targets = sources(Overrides.none()).urls(Path.of("targets.txt"));
        assertThat(targets).extracting(FleetTarget::name)
                .containsExactly("127.0.0.1:" + server.port() + "/" + dbs.get(0), "127.0.0.1:" + server.port() + "/" + dbs.get(1));
        assertThat(new Fleet(targets, 4).migrate(FleetListener.NONE).allSucceeded()).isTrue();
        assertThat(server.column(dbs.get(1), "SELECT count(*) FROM notes")).containsExactly("1");
    }

    @Test
    void everyBadLineOfATargetFileIsReportedAtOnceWithoutItsPassword() throws Exception {
        Files.writeString(tmp.resolve("targets.txt"), """
                jdbc:postgresql://db1:5432/a
                mysql://root:hunter2@db2/a
                jdbc:postgresql://db1:5432/a?password=hunter2
                """);
        assertThatThrownBy(() -> sources(Overrides.none()).urls(Path.of("targets.txt")))
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("targets.txt:2: expected a jdbc:postgresql:// or postgres:// URL, found 'mysql://root:****@db2/a'")
                .hasMessageContaining("targets.txt:3: db1:5432/a is already on line 1")
                .hasMessageNotContaining("hunter2");
        Files.writeString(tmp.resolve("empty.txt"), "# nobody yet\n\n");
        assertThatThrownBy(() -> sources(Overrides.none()).urls(Path.of("empty.txt"))).hasMessageContaining("no URLs in the file");
        assertThatThrownBy(() -> sources(Overrides.none()).urls(Path.of("missing.txt"))).hasMessageContaining("missing.txt: no such file");
    }

    @Test
    void theDatabasesAQueryReturnsAreTheTargetsOnTheSameServer(TestDatabase db) {
        FleetServer server = FleetServer.of(db);
        List<String> dbs = server.create("t1", "t2", "t3");
        migrations();
        Overrides overrides = new Overrides(null, server.url("postgres"), "postgres", null, List.of("db"), null, false,
                null, null, null, null);
        String query = "SELECT datname FROM pg_database WHERE datname LIKE '" + server.prefix().replace("_", "\\_")
                + "t%' ORDER BY datname";

        List<FleetTarget> targets = sources(overrides).databasesFrom(query);
        assertThat(targets).extracting(FleetTarget::name).containsExactlyElementsOf(dbs);
        assertThat(targets.get(0).database()).isEqualTo(server.url(dbs.get(0)) + " as postgres");
        FleetReport report = new Fleet(targets, 2).migrate(FleetListener.NONE);
        assertThat(report.allSucceeded()).as(report.table()).isTrue();
        for (String name : dbs) {
            assertThat(server.column(name, "SELECT count(*) FROM notes")).containsExactly("1");
        }
        assertThat(server.column("postgres", "SELECT count(*) FROM pg_class WHERE relname = 'notes'")).containsExactly("0");

        assertThatThrownBy(() -> sources(overrides).databasesFrom("SELECT datname FROM pg_database WHERE false"))
                .hasMessageContaining("returned no databases");
        assertThatThrownBy(() -> sources(overrides).databasesFrom("SELECT nonsense FROM nowhere"))
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("the --databases-from query failed").hasMessageContaining("42P01");
    }

    @Test
    void passwordsNeverReachTheSummaryTableOrJson() throws Exception {
        migrations();
        int closed = FleetServer.closedPort();
        Files.writeString(tmp.resolve("targets.txt"), "postgres://app:s3cr3t-pw@127.0.0.1:" + closed + "/a\n"
                + "jdbc:postgresql://127.0.0.1:" + closed + "/b?user=app&password=s3cr3t-pw\n");
        Overrides overrides = new Overrides(null, null, null, null, List.of("db"), null, false, null, null, null, "1s");

        FleetReport report = new Fleet(sources(overrides).urls(Path.of("targets.txt")), 2).migrate(FleetListener.NONE);

        assertThat(report.results()).extracting(FleetResult::outcome).containsOnly(TargetOutcome.CONFIG);
        assertThat(report.table()).contains("cannot reach the database").doesNotContain("s3cr3t-pw");
        assertThat(report.json()).contains("\"outcome\" : \"config\"").doesNotContain("s3cr3t-pw");
    }
}
