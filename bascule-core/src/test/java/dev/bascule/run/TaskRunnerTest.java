package dev.bascule.run;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.TaskReport;
import dev.bascule.error.BasculeException;
import dev.bascule.history.TaskRun;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code task run}: data scripts outside the deploy, run again and again, each run recorded beside the history. */
@ExtendWith(EmbeddedPostgresExtension.class)
class TaskRunnerTest {

    @TempDir
    Path tmp;

    /** Rows whose trigger counts every change, so a row changed twice shows. */
    private static void moves(TestDatabase db) {
        db.execute("CREATE TABLE moves (id int PRIMARY KEY, status text NOT NULL, changes int NOT NULL DEFAULT 0);"
                + " INSERT INTO moves (id, status) SELECT g, CASE WHEN g % 2 = 0 THEN 'DRAFT' ELSE 'draft' END"
                + " FROM generate_series(1, 20) g;"
                + " CREATE FUNCTION count_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + "   NEW.changes := OLD.changes + 1; RETURN NEW; END $$;"
                + " CREATE TRIGGER count_change BEFORE UPDATE ON moves FOR EACH ROW EXECUTE FUNCTION count_change();");
    }

    private Settings.Builder config(TestDatabase db) {
        return Bascule.configure().database(db.admin()).locations(tmp.resolve("m").toString()).baseDir(tmp);
    }

    @Test
    void aTaskRunsAgainAndEveryRunIsRecorded(TestDatabase db) {
        moves(db);
        MigrationFolder tasks = new MigrationFolder(tmp.resolve("tasks"));
        tasks.write("touch_first_three.sql", "UPDATE moves SET status = status WHERE id <= 3;\nSELECT count(*) FROM moves;\n");
        Bascule bascule = config(db).load();
        TaskRun first = bascule.runTask(Path.of("tasks/touch_first_three.sql"));
        TaskRun second = bascule.runTask(Path.of("tasks/touch_first_three.sql"));

        assertThat(List.of(first, second)).extracting(r -> r.task() + " " + r.outcome() + " " + r.rows() + " "
                + r.statements()).containsExactly("tasks/touch_first_three.sql SUCCEEDED 3 2",
                "tasks/touch_first_three.sql SUCCEEDED 3 2");
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(bascule.tasks()).extracting(TaskRun::id).containsExactly(first.id(), second.id());
        assertThat(bascule.tasks()).allSatisfy(r -> assertThat(r.finishedAt()).hasValueSatisfying(f ->
                assertThat(f).isAfterOrEqualTo(r.startedAt())));
        assertThat(db.column("SELECT string_agg(changes::text, ',' ORDER BY id) FROM moves WHERE id <= 4"))
                .containsExactly("2,2,2,0");
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations_tasks")).containsExactly("2");
        assertThat(db.tableExists("bascule_schema_migrations")).as("a task records nothing in the history").isFalse();
        assertThat(TaskReport.table(bascule.tasks())).contains("tasks/touch_first_three.sql").contains("succeeded");
    }

    @Test
    void aBatchedAuditedTaskThatFailsIsResumedByItsNextRunWithNoRowChangedTwice(TestDatabase db) throws IOException {
        moves(db);
        db.execute("CREATE TABLE allow_twelve (ok boolean);"
                + " CREATE FUNCTION refuse_twelve() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + "   IF NEW.id = 12 AND NOT EXISTS (SELECT FROM allow_twelve) THEN RAISE EXCEPTION 'twelve refused';"
                + "   END IF; RETURN NEW; END $$;"
                + " CREATE TRIGGER refuse_twelve BEFORE UPDATE ON moves FOR EACH ROW EXECUTE FUNCTION refuse_twelve();");
        MigrationFolder tasks = new MigrationFolder(tmp.resolve("tasks"));
        tasks.write("lower_status.sql", "-- bascule:audit pre count-only\nSELECT id FROM moves WHERE status <> lower(status);\n"
                + "-- bascule:batch size=5\n-- bascule:audit change\n"
                + "UPDATE moves SET status = lower(status) WHERE status <> lower(status) RETURNING id, status;\n");
        Bascule bascule = config(db).load();
        assertThatThrownBy(() -> bascule.runTask(Path.of("tasks/lower_status.sql")))
                .isInstanceOf(BasculeException.MigrationFailed.class).hasMessageContaining("twelve refused")
                .hasMessageContaining("lower_status.sql:5").hasMessageContaining("recorded as failed");
        TaskRun failed = bascule.tasks().get(0);
        assertThat(failed.outcome()).isEqualTo(TaskRun.Outcome.FAILED);
        assertThat(failed.rows()).as("ids 2, 4, 6, 8, 10 in the two batches that committed").isEqualTo(5);
        assertThat(failed.batches()).isEqualTo(2);
        assertThat(failed.message()).hasValueSatisfying(m -> assertThat(m).contains("twelve refused"));

        db.execute("INSERT INTO allow_twelve VALUES (true)");
        TaskRun resumed = bascule.runTask(Path.of("tasks/lower_status.sql"));
        assertThat(resumed.outcome()).isEqualTo(TaskRun.Outcome.SUCCEEDED);
        assertThat(resumed.resumedFrom()).contains(failed.id());
        assertThat(resumed.rows()).isEqualTo(5);
        assertThat(db.column("SELECT count(*) FILTER (WHERE changes = 1) || ' ' || count(*) FILTER (WHERE changes = 0)"
                + " || ' ' || count(*) FILTER (WHERE status = lower(status)) FROM moves")).containsExactly("10 10 20");
        Path audit = tmp.resolve("audit/tasks/lower_status");
        assertThat(Files.readString(audit.resolve(failed.id() + "/pre.csv"))).isEqualTo("\"count\"\r\n\"10\"\r\n");
        assertThat(Files.readString(audit.resolve(failed.id() + "/change.csv"))).isEqualTo("\"id\",\"status\"\r\n"
                + "\"2\",\"draft\"\r\n\"4\",\"draft\"\r\n\"6\",\"draft\"\r\n\"8\",\"draft\"\r\n\"10\",\"draft\"\r\n");
        assertThat(Files.readString(audit.resolve(resumed.id() + "/change.csv"))).isEqualTo("\"id\",\"status\"\r\n"
                + "\"12\",\"draft\"\r\n\"14\",\"draft\"\r\n\"16\",\"draft\"\r\n\"18\",\"draft\"\r\n\"20\",\"draft\"\r\n");

        TaskRun again = bascule.runTask(Path.of("tasks/lower_status.sql"));
        assertThat(again.resumedFrom()).as("after a success, a run starts afresh").isEmpty();
        assertThat(again.rows()).isZero();
        assertThat(again.outcome()).isEqualTo(TaskRun.Outcome.SUCCEEDED);
    }

    @Test
    void aTaskThatCannotWorkIsRefusedBeforeAnythingRunsOrIsRecorded(TestDatabase db) {
        moves(db);
        MigrationFolder tasks = new MigrationFolder(tmp.resolve("tasks"));
        tasks.write("bad.sql", "-- bascule:audit change\nUPDATE moves SET status = 'x';\n");
        Bascule bascule = config(db).load();
        assertThatThrownBy(() -> bascule.runTask(Path.of("tasks/bad.sql")))
                .isInstanceOf(BasculeException.ValidationFailed.class)
                .hasMessageContaining("tasks/bad.sql:2: bascule:audit change on a statement without RETURNING");
        assertThat(bascule.tasks()).isEmpty();
        assertThat(db.column("SELECT count(*) FROM moves WHERE status = 'x'")).containsExactly("0");
        assertThatThrownBy(() -> bascule.runTask(Path.of("tasks/none.sql"))).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("tasks/none.sql: no such file");
    }

    @Test
    void aOneTransactionTaskThatFailsChangesNothingAndIsRecordedAsFailed(TestDatabase db) {
        moves(db);
        MigrationFolder tasks = new MigrationFolder(tmp.resolve("tasks"));
        tasks.write("half.sql", "UPDATE moves SET status = 'x' WHERE id = 1;\nSELECT 1 / 0;\n");
        Bascule bascule = config(db).load();
        assertThatThrownBy(() -> bascule.runTask(Path.of("tasks/half.sql"))).hasMessageContaining("tasks/half.sql:2")
                .hasMessageContaining("rolled back");
        assertThat(bascule.tasks()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(TaskRun.Outcome.FAILED);
            assertThat(r.rows()).isZero();
        });
        assertThat(db.column("SELECT status FROM moves WHERE id = 1")).containsExactly("draft");
    }
}
