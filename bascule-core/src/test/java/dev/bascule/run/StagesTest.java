package dev.bascule.run;

import dev.bascule.source.Location;
import dev.bascule.Bascule;
import dev.bascule.error.Problem;
import dev.bascule.catalog.Stage;
import dev.bascule.error.BasculeException;
import dev.bascule.plan.MigrationState;
import dev.bascule.plan.Plan;
import dev.bascule.plan.PlanEntry;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stages against a real PostgreSQL: versioned sets run once, repeatable sets in manifest order when changed. */
@ExtendWith(EmbeddedPostgresExtension.class)
class StagesTest {

    @TempDir
    Path tmp;

    private MigrationFolder schema;
    private MigrationFolder views;

    /** A MilMove-like layout: schema/ holds legacy and dml files; views/ a repeatable DDL set. */
    private List<Stage> stages(Stage.Rerun rerun) {
        schema = new MigrationFolder(tmp.resolve("schema"));
        views = new MigrationFolder(tmp.resolve("views"));
        schema.write("20240101000000_create_t.up.sql", "CREATE TABLE t (a int);");
        schema.write("20240301000000_fill_t.up.sql", "INSERT INTO t VALUES (1), (2);");
        schema.write("legacy.txt", "20240101000000_create_t.up.sql\n");
        schema.write("dml.txt", "# data\n20240301000000_fill_t.up.sql\n");
        // Version order would run v_count first and fail: it reads v_base. Manifest line order runs v_base first.
        views.write("20250102000000_vw_count.up.sql", "CREATE OR REPLACE VIEW v_count AS SELECT count(*) AS n FROM v_base;");
        views.write("20250101000000_vw_base.up.sql", "CREATE OR REPLACE VIEW v_base AS SELECT a FROM t;");
        views.write("views.txt", "# views\n20250101000000_vw_base.up.sql\n20250102000000_vw_count.up.sql\n");
        return List.of(
                new Stage(0, "legacy", List.of(Location.local(schema.dir())), Set.of(), Optional.of(schema.resolve("legacy.txt").toString()),
                        Stage.Mode.VERSIONED, Stage.Rerun.ON_CHANGE),
                new Stage(1, "views", List.of(Location.local(views.dir())), Set.of(), Optional.of(views.resolve("views.txt").toString()),
                        Stage.Mode.REPEATABLE, rerun),
                new Stage(2, "dml", List.of(Location.local(schema.dir())), Set.of(), Optional.of(schema.resolve("dml.txt").toString()),
                        Stage.Mode.VERSIONED, Stage.Rerun.ON_CHANGE));
    }

    private Bascule bascule(TestDatabase db, List<Stage> stages) {
        return Bascule.configure().database(db.admin()).stages(stages).lockWait(Duration.ofSeconds(5)).load();
    }

    @Test
    void runsStagesInOrderAndRepeatablesInManifestLineOrder(TestDatabase db) {
        Bascule bascule = bascule(db, stages(Stage.Rerun.ON_CHANGE));
        assertThat(bascule.status().entries()).extracting(e -> e.stage() + " " + e.name() + " " + e.state().label())
                .containsExactly("legacy create_t pending", "views vw_base pending", "views vw_count pending",
                        "dml fill_t pending");

        MigrateResult first = bascule.migrate();
        assertThat(first.applied()).extracting(m -> m.fileName()).containsExactly("20240101000000_create_t.up.sql",
                "20250101000000_vw_base.up.sql", "20250102000000_vw_count.up.sql", "20240301000000_fill_t.up.sql");
        assertThat(db.column("SELECT n FROM v_count")).containsExactly("2");
        assertThat(db.column("SELECT coalesce(version::text, '-') || ' ' || kind || ' ' || stage || ' ' || script"
                + " FROM bascule_schema_migrations ORDER BY id")).containsExactly(
                "20240101000000 schema legacy 20240101000000_create_t.up.sql",
                "- repeatable views 20250101000000_vw_base.up.sql",
                "- repeatable views 20250102000000_vw_count.up.sql",
                "20240301000000 schema dml 20240301000000_fill_t.up.sql");
        // dml.txt's file sits in legacy's folder unlisted by legacy.txt: listed by a stage, so not "unlisted".
        assertThat(bascule.status().entries()).extracting(PlanEntry::state).containsOnly(MigrationState.APPLIED);
    }

    @Test
    void rerunsAChangedRepeatableFileOnlyAndTracksEveryRun(TestDatabase db) {
        List<Stage> stages = stages(Stage.Rerun.ON_CHANGE);
        bascule(db, stages).migrate();
        assertThat(bascule(db, stages).migrate().applied()).isEmpty();

        views.write("20250102000000_vw_count.up.sql", "CREATE OR REPLACE VIEW v_count AS SELECT count(*) AS n, 1 AS one FROM v_base;");
        Plan plan = bascule(db, stages).status();
        assertThat(plan.entries()).extracting(e -> e.name() + " " + e.state().label())
                .contains("vw_base applied", "vw_count outdated");
        assertThat(bascule(db, stages).migrate().applied()).extracting(m -> m.fileName())
                .containsExactly("20250102000000_vw_count.up.sql");
        assertThat(db.column("SELECT one FROM v_count")).containsExactly("1");
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations WHERE script = '20250102000000_vw_count.up.sql'"))
                .containsExactly("2");
        assertThat(bascule(db, stages).migrate().applied()).isEmpty();
    }

    @Test
    void rerunAlwaysRunsRepeatableFilesOnEveryMigrate(TestDatabase db) {
        List<Stage> stages = stages(Stage.Rerun.ALWAYS);
        bascule(db, stages).migrate();
        assertThat(bascule(db, stages).migrate().applied()).extracting(m -> m.fileName())
                .containsExactly("20250101000000_vw_base.up.sql", "20250102000000_vw_count.up.sql");
    }

    @Test
    void aRepeatableFileDroppedFromItsManifestIsAWarningNotAProblem(TestDatabase db) {
        List<Stage> stages = stages(Stage.Rerun.ON_CHANGE);
        bascule(db, stages).migrate();
        views.write("views.txt", "20250101000000_vw_base.up.sql\n");
        Plan plan = bascule(db, stages).status();
        assertThat(plan.problems()).isEmpty();
        assertThat(plan.warnings()).extracting(Problem::message).singleElement().asString()
                .contains("repeatable file of stage views").contains("no longer listed");
        assertThat(plan.entries()).extracting(e -> e.name() + " " + e.state().label()).contains("vw_count missing");
    }

    @Test
    void twoVersionedStagesListingOneVersionAreRefused(TestDatabase db) {
        List<Stage> stages = stages(Stage.Rerun.ON_CHANGE);
        schema.write("dml.txt", "20240101000000_create_t.up.sql\n");
        assertThatThrownBy(() -> bascule(db, stages).migrate())
                .isInstanceOf(BasculeException.ValidationFailed.class)
                .hasMessageContaining("dml.txt:1: 20240101000000_create_t.up.sql (stage dml) has version 20240101000000")
                .hasMessageContaining("list it in one stage only");
        assertThat(db.tableExists("t")).isFalse();
    }

    @Test
    void repeatableFilesMayShareAVersion(TestDatabase db) {
        List<Stage> stages = stages(Stage.Rerun.ON_CHANGE);
        views.write("20250101000000_vw_other.up.sql", "CREATE OR REPLACE VIEW v_other AS SELECT 1 AS x;");
        views.write("views.txt", "20250101000000_vw_base.up.sql\n20250101000000_vw_other.up.sql\n20250102000000_vw_count.up.sql\n");
        assertThat(bascule(db, stages).migrate().applied()).hasSize(5);
        Map<String, Long> byState = bascule(db, stages).status().entries().stream()
                .collect(Collectors.groupingBy(e -> e.state().label(), Collectors.counting()));
        assertThat(byState).containsExactly(Map.entry("applied", 5L));
    }

    @Test
    void aFailedNoTransactionRepeatableBlocksUntilRepairThenRunsAgain(TestDatabase db) {
        List<Stage> stages = stages(Stage.Rerun.ON_CHANGE);
        views.write("20250103000000_vw_index.up.sql", "-- bascule:no-transaction\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);\nSELECT 1 / 0;\n");
        views.write("views.txt", "20250101000000_vw_base.up.sql\n20250102000000_vw_count.up.sql\n20250103000000_vw_index.up.sql\n");
        assertThatThrownBy(() -> bascule(db, stages).migrate()).isInstanceOf(BasculeException.MigrationFailed.class)
                .hasMessageContaining("20250103000000_vw_index.up.sql:3: ERROR: division by zero");
        assertThatThrownBy(() -> bascule(db, stages).migrate()).isInstanceOf(BasculeException.ValidationFailed.class)
                .hasMessageContaining("then run 'bascule repair'");
        assertThat(bascule(db, stages).status().entries()).extracting(e -> e.name() + " " + e.state().label())
                .contains("vw_index failed");

        views.write("20250103000000_vw_index.up.sql", "-- bascule:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);\n");
        assertThat(bascule(db, stages).repair()).singleElement().asString().contains("removed 1 failed migration row");
        assertThat(bascule(db, stages).migrate().applied()).extracting(m -> m.fileName())
                .containsExactly("20250103000000_vw_index.up.sql", "20240301000000_fill_t.up.sql");
        assertThat(db.column("SELECT count(*) FROM pg_indexes WHERE indexname = 't_a'")).containsExactly("1");
    }

    @Test
    void anOldHistoryTableWithoutTheStageColumnIsUpgraded(TestDatabase db) {
        db.execute("CREATE TABLE bascule_schema_migrations (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                + " version numeric(20,0), name text NOT NULL, kind text NOT NULL, script text NOT NULL, checksum text,"
                + " applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT current_user,"
                + " execution_ms bigint NOT NULL DEFAULT 0, success boolean NOT NULL)");
        List<Stage> stages = stages(Stage.Rerun.ON_CHANGE);
        assertThat(bascule(db, stages).status().entries()).hasSize(4);
        assertThat(bascule(db, stages).migrate().applied()).hasSize(4);
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations WHERE stage IS NOT NULL")).containsExactly("4");
    }
}
