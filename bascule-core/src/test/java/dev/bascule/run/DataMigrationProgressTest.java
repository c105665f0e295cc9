package dev.bascule.run;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.StatusReport;
import dev.bascule.error.BasculeException;
import dev.bascule.plan.DataProgress;
import dev.bascule.plan.MigrationState;
import dev.bascule.plan.Plan;
import dev.bascule.plan.PlanEntry;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A data migration stopped half-way: status shows how far it got; down and reset forget its progress. */
@ExtendWith(EmbeddedPostgresExtension.class)
class DataMigrationProgressTest {

    @TempDir
    Path tmp;

    /** Twelve rows; the batch holding id 8 breaks a CHECK until the test lets it pass. */
    private MigrationFolder counters() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_create.up.sql", "CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT 0 CHECK (n < 100));\n"
                + "INSERT INTO t (id) SELECT g FROM generate_series(1, 12) g;\n");
        m.write("1_create.down.sql", "DROP TABLE t;");
        m.write("2_bump.up.sql", "-- bascule:data\nUPDATE t SET n = n WHERE false;\n-- bascule:batch size=3\n"
                + "UPDATE t SET n = n + 1;\n");
        m.write("2_bump.down.sql", "UPDATE t SET n = n - 1;");
        return m;
    }

    private Settings.Builder config(TestDatabase db, MigrationFolder m) {
        return Bascule.configure().database(db.admin()).locations(m.path()).dev(true);
    }

    @Test
    void statusShowsADataMigrationInProgressWithRowsDoneAndTheKeyReached(TestDatabase db) throws Exception {
        MigrationFolder m = counters();
        m.write("1_create.up.sql", "CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT 0 CHECK (n < 100));\n"
                + "INSERT INTO t (id) SELECT g FROM generate_series(1, 12) g;\nUPDATE t SET n = 99 WHERE id = 8;\n");
        Bascule bascule = config(db, m).load();
        assertThatThrownBy(bascule::migrate).isInstanceOf(BasculeException.MigrationFailed.class)
                .hasMessageContaining("batch 3");

        Plan plan = bascule.status();
        PlanEntry bump = plan.entries().get(1);
        assertThat(bump.state()).isEqualTo(MigrationState.IN_PROGRESS);
        DataProgress progress = bump.progress().orElseThrow();
        assertThat(progress.rowsDone()).isEqualTo(6);
        assertThat(progress.batches()).isEqualTo(2);
        assertThat(progress.stepsDone()).isEqualTo(1);
        assertThat(progress.statementIndex()).isEqualTo(2);
        assertThat(progress.keyReached()).contains("6");
        assertThat(progress.table()).contains("\"public\".\"t\"");
        assertThat(progress.keyColumn()).contains("id");
        String table = new StatusReport(tmp).table(plan);
        assertThat(table).containsPattern("2\\s+bump\\s+data\\s+in progress")
                .contains("1 applied, 0 pending, 1 in progress")
                .contains("in progress 2_bump.up.sql: 6 row(s) in 2 batch(es), 1 step(s) done; statement 2 walks"
                        + " \"public\".\"t\".id, key reached 6");
        JsonNode json = new ObjectMapper().readTree(new StatusReport(tmp).json(plan));
        assertThat(json.get(1).get("state").asText()).isEqualTo("in progress");
        assertThat(json.get(1).get("progress").get("rows_done").asLong()).isEqualTo(6);
        assertThat(json.get(1).get("progress").get("key_reached").asText()).isEqualTo("6");
        assertThat(json.get(0).get("progress").isNull()).isTrue();

        db.execute("UPDATE t SET n = 0 WHERE id = 8");
        assertThat(bascule.migrate().applied()).extracting(x -> x.fileName()).containsExactly("2_bump.up.sql");
        assertThat(bascule.status().entries()).extracting(PlanEntry::state).containsOnly(MigrationState.APPLIED);
        assertThat(db.column("SELECT string_agg(n::text, ',' ORDER BY id) FROM t")).containsExactly("1,1,1,1,1,1,1,1,1,1,1,1");
    }

    @Test
    void theKeyOfASecureMigrationInProgressIsNeverShown(TestDatabase db) {
        MigrationFolder m = counters();
        m.write("1_create.up.sql", "CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT 0 CHECK (n < 100));\n"
                + "INSERT INTO t (id) SELECT g FROM generate_series(1, 12) g;\nUPDATE t SET n = 99 WHERE id = 8;\n");
        Bascule bascule = config(db, m).secureLocations(m.path()).load();
        assertThatThrownBy(bascule::migrate).isInstanceOf(BasculeException.MigrationFailed.class);
        Plan plan = bascule.status();
        assertThat(plan.entries().get(1).progress().orElseThrow().keyReached()).isEmpty();
        assertThat(new StatusReport(tmp).table(plan)).contains("6 row(s) in 2 batch(es)").doesNotContain("key reached");
    }

    @Test
    void aDataMigrationUndoneAndAppliedAgainRunsEveryStepAgain(TestDatabase db) {
        MigrationFolder m = counters();
        Bascule bascule = config(db, m).load();
        bascule.migrate();
        assertThat(db.column("SELECT sum(n) FROM t")).containsExactly("12");
        bascule.down(Optional.empty(), Optional.of(1), false);
        assertThat(db.column("SELECT sum(n) FROM t")).containsExactly("0");
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations_progress")).containsExactly("0");
        assertThat(bascule.migrate().applied()).hasSize(1);
        assertThat(db.column("SELECT sum(n) FROM t")).as("applied again, its batches ran again").containsExactly("12");
    }

    @Test
    void resetForgetsTheProgressKeptBesideAHistoryOutsideTheManagedSchemas(TestDatabase db) {
        MigrationFolder m = counters();
        Bascule bascule = config(db, m).historyTable("bascule", "history").resettable(true).load();
        bascule.migrate();
        assertThat(db.column("SELECT count(*) FROM bascule.history_progress")).containsExactly("2");
        assertThat(bascule.reset().applied()).hasSize(2);
        assertThat(db.column("SELECT sum(n) FROM t")).as("the re-created table was bumped again").containsExactly("12");
    }
}
