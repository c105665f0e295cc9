package dev.bascule.run.batch;

import dev.bascule.error.BasculeException;
import dev.bascule.history.BatchProgress;
import dev.bascule.history.HistoryTable;
import dev.bascule.history.ProgressTable;
import dev.bascule.sql.ScriptParser;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A whole file with batched statements: plain steps, batches, the history row in the last transaction, resume. */
@ExtendWith(EmbeddedPostgresExtension.class)
class BatchedScriptRunnerTest {

    private static final ProgressTable PROGRESS = ProgressTable.beside(new HistoryTable("public", "history"));
    private static final String FILE = "7_split_name.up.sql";
    private static final String SCRIPT = "-- bascule:data\n"
            + "ALTER TABLE people ADD COLUMN first_name text;\n"                              // statement 1, line 2
            + "COMMENT ON COLUMN people.first_name IS 'backfilled from name';\n"              // statement 2
            + "-- bascule:batch size=1000\n"
            + "UPDATE people SET first_name = split_part(name, ' ', 1) WHERE first_name IS NULL;\n" // 3, line 5
            + "INSERT INTO log VALUES ('split done');\n";                                     // statement 4, line 6

    /** Executes plain statements the simple way (the migration runner plugs in its own executor). */
    private static final BatchedScriptRunner.PlainStatementExecutor EXECUTOR = (connection, statement) -> {
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute(statement.sql());
        }
    };

    /** Stands in for the history row: must be written exactly when the last step commits. */
    private static final TransactionStep RECORD = c -> {
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("INSERT INTO applied VALUES ('" + FILE + "')");
        }
    };

    private static void createPeople(TestDatabase db) {
        db.execute("CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL);"
                + "INSERT INTO people SELECT i, 'First' || i || ' Last' FROM generate_series(1, 5500) i;"
                + "CREATE TABLE log (what text); CREATE TABLE applied (file text);");
    }

    private static BatchedScriptRunner.ScriptResult run(TestDatabase db, String script, BatchListener listener,
                                                        TransactionStep last) throws SQLException {
        BatchedScriptPlan plan = BatchedScriptPlan.of(ScriptParser.parse(FILE, script));
        try (Connection c = db.admin().connect()) {
            return new BatchedScriptRunner(PROGRESS).run(c, plan, "7", "sum", EXECUTOR, listener, last, false);
        }
    }

    @Test
    void plainStepsRunOnceEachAndTheHistoryRowComesWithTheLastStep(TestDatabase db) throws SQLException {
        createPeople(db);
        BatchedScriptRunner.ScriptResult result = run(db, SCRIPT, BatchListener.none(), RECORD);
        assertThat(result.stepsRun()).isEqualTo(3);
        assertThat(result.stepsSkipped()).isZero();
        assertThat(result.batched()).singleElement().satisfies(b -> assertThat(b.rowsDone()).isEqualTo(5500));
        assertThat(db.column("SELECT count(*) FROM people WHERE first_name = 'First' || id")).containsExactly("5500");
        assertThat(db.column("SELECT what FROM log")).containsExactly("split done");
        assertThat(db.column("SELECT file FROM applied")).containsExactly(FILE);
        try (Connection c = db.admin().connect()) {
            assertThat(PROGRESS.read(c, "7")).extracting(p -> p.key().statementIndex(), BatchProgress::finished)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, true),
                            org.assertj.core.groups.Tuple.tuple(3, true), org.assertj.core.groups.Tuple.tuple(4, true));
        }
        // With every step done and no history row (deleted by hand), only the history row is written again.
        db.execute("DELETE FROM applied");
        BatchedScriptRunner.ScriptResult again = run(db, SCRIPT, BatchListener.none(), RECORD);
        assertThat(again.stepsRun()).isZero();
        assertThat(again.stepsSkipped()).isEqualTo(3);
        assertThat(db.column("SELECT count(*) FROM log")).containsExactly("1");
        assertThat(db.column("SELECT file FROM applied")).containsExactly(FILE);
    }

    @Test
    void aRunStoppedInTheBatchesResumesWithoutRepeatingTheStepsDone(TestDatabase db) throws SQLException {
        createPeople(db);
        AtomicInteger batches = new AtomicInteger();
        assertThatThrownBy(() -> run(db, SCRIPT, new BatchListener() {
            @Override
            public void beforeBatch(Connection connection, BatchPosition position) throws InterruptedException {
                if (batches.incrementAndGet() == 3) {
                    throw new InterruptedException("stopped by the test");
                }
            }
        }, RECORD)).isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> assertThat(e.getMessage())
                .startsWith(FILE + ":5: interrupted before batch 3 (keys after 2000)"));
        Thread.interrupted(); // the runner restored the flag, as it should
        assertThat(db.column("SELECT count(*) FROM people WHERE first_name IS NOT NULL")).containsExactly("2000");
        assertThat(db.column("SELECT count(*) FROM applied")).containsExactly("0");
        // The rerun would fail on ALTER TABLE ... ADD COLUMN if it repeated the first step.
        BatchedScriptRunner.ScriptResult rerun = run(db, SCRIPT, BatchListener.none(), RECORD);
        assertThat(rerun.stepsSkipped()).isEqualTo(1);
        assertThat(rerun.batched().get(0).resumedAfter()).contains("2000");
        assertThat(rerun.batched().get(0).rowsThisRun()).isEqualTo(3500);
        assertThat(db.column("SELECT count(*) FROM people WHERE first_name = 'First' || id")).containsExactly("5500");
        assertThat(db.column("SELECT count(*) FROM log")).containsExactly("1");
        assertThat(db.column("SELECT count(*) FROM applied")).containsExactly("1");
    }

    @Test
    void theLastBatchCommitsTogetherWithTheHistoryRowOrNotAtAll(TestDatabase db) throws SQLException {
        createPeople(db);
        String endsBatched = "-- bascule:batch size=2000\nUPDATE people SET name = upper(name);\n";
        TransactionStep failing = c -> {
            throw new SQLException("history table unavailable", "42P01");
        };
        assertThatThrownBy(() -> run(db, endsBatched, BatchListener.none(), failing))
                .isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> assertThat(e.getMessage())
                        .contains("history table unavailable").contains("in batch 3 (keys after 4000)"));
        assertThat(db.column("SELECT count(*) FROM people WHERE name = upper(name)")).containsExactly("4000");
        try (Connection c = db.admin().connect()) {
            assertThat(PROGRESS.read(c, "7")).singleElement().satisfies(p -> {
                assertThat(p.finished()).isFalse();
                assertThat(p.lastKey()).contains("4000");
            });
        }
        run(db, endsBatched, BatchListener.none(), RECORD);
        assertThat(db.column("SELECT count(*) FROM people WHERE name = upper(name)")).containsExactly("5500");
        assertThat(db.column("SELECT count(*) FROM applied")).containsExactly("1");
    }

    @Test
    void aPlainStepIsRecordedDoneOnce(TestDatabase db) throws SQLException {
        try (Connection c = db.admin().connect()) {
            PROGRESS.ensureExists(c);
            dev.bascule.history.ProgressKey key = new dev.bascule.history.ProgressKey("9", 1, "s");
            assertThat(PROGRESS.markFinished(c, key)).isTrue();
            assertThat(PROGRESS.markFinished(c, key)).isFalse();
            assertThat(PROGRESS.find(c, key)).hasValueSatisfying(p -> {
                assertThat(p.finished()).isTrue();
                assertThat(p.table()).isEmpty();
            });
        }
    }

    @Test
    void aKeyProblemStopsTheFileBeforeItsFirstStep(TestDatabase db) {
        createPeople(db);
        db.execute("CREATE TABLE nokey (a int)");
        String script = "ALTER TABLE people ADD COLUMN x int;\n-- bascule:batch size=10\nUPDATE nokey SET a = 1;\n";
        assertThatThrownBy(() -> run(db, script, BatchListener.none(), RECORD))
                .isInstanceOfSatisfying(BatchStatementError.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.detail()).contains("table without a usable key");
                });
        assertThat(db.column("SELECT count(*) FROM information_schema.columns WHERE table_name = 'people'"
                + " AND column_name = 'x'")).containsExactly("0");
    }

    @Test
    void aTableCreatedByAnEarlierStepIsCheckedWhenItsBatchesStart(TestDatabase db) throws SQLException {
        createPeople(db);
        String script = "CREATE TABLE copies (id int PRIMARY KEY, name text);\n"
                + "INSERT INTO copies SELECT id, name FROM people;\n"
                + "-- bascule:batch size=2500\nDELETE FROM copies WHERE id % 2 = 0;\n";
        BatchedScriptRunner.ScriptResult result = run(db, script, BatchListener.none(), RECORD);
        assertThat(result.batched().get(0).rowsDone()).isEqualTo(2750);
        assertThat(db.column("SELECT count(*) FROM copies")).containsExactly("2750");
    }
}
