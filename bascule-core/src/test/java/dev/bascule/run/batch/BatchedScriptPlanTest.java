package dev.bascule.run.batch;

import dev.bascule.error.Problem;
import dev.bascule.error.BasculeException;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchedScriptPlanTest {

    private static Script script(String text) {
        return ScriptParser.parse("20260101_backfill.up.sql", text);
    }

    @Test
    void statementsBetweenBatchedOnesAreGroupedIntoPlainSteps() {
        BatchedScriptPlan plan = BatchedScriptPlan.of(script("ALTER TABLE t ADD COLUMN b int;\n"
                + "COMMENT ON COLUMN t.b IS 'x';\n"
                + "-- bascule:batch size=10\nUPDATE t SET b = a;\n"
                + "-- bascule:batch size=20 key=code\nDELETE FROM u WHERE old;\n"
                + "ALTER TABLE t ALTER b SET NOT NULL;\n"));
        assertThat(plan.steps()).hasSize(4);
        assertThat(plan.steps().get(0)).isInstanceOfSatisfying(BatchedScriptPlan.PlainStep.class, p -> {
            assertThat(p.statementIndex()).isEqualTo(1);
            assertThat(p.statements()).hasSize(2);
        });
        assertThat(plan.steps().get(1)).isInstanceOfSatisfying(BatchedScriptPlan.BatchedStep.class, b -> {
            assertThat(b.statementIndex()).isEqualTo(3);
            assertThat(b.options().size()).isEqualTo(10);
        });
        assertThat(plan.steps().get(2)).isInstanceOfSatisfying(BatchedScriptPlan.BatchedStep.class, b -> {
            assertThat(b.statementIndex()).isEqualTo(4);
            assertThat(b.options().keyColumn()).contains("code");
        });
        assertThat(plan.steps().get(3)).isInstanceOfSatisfying(BatchedScriptPlan.PlainStep.class,
                p -> assertThat(p.statementIndex()).isEqualTo(5));
    }

    @Test
    void aScriptWithoutBatchesHasNoProblemsHere() {
        assertThat(BatchedScriptPlan.check(script("BEGIN;\nSET search_path = x;\nCOMMIT;\n"))).isEmpty();
        assertThat(BatchedScriptPlan.hasBatchedStatements(script("SELECT 1;"))).isFalse();
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnceWithItsLine() {
        List<Problem> problems = BatchedScriptPlan.check(script("-- bascule:no-transaction\n"
                + "BEGIN;\n"                                     // 2
                + "SET search_path = app;\n"                     // 3
                + "SET LOCAL lock_timeout = '1s';\n"             // 4
                + "LOCK TABLE t IN SHARE MODE;\n"                // 5
                + "CREATE TEMP TABLE ids (id int);\n"            // 6
                + "CREATE GLOBAL TEMPORARY TABLE g (id int);\n"  // 7
                + "-- bascule:batch size=10 speed=fast\n"        // 8
                + "UPDATE t SET a = 1;\n"                        // 9
                + "-- bascule:batch size=10\n"                   // 10
                + "SELECT * FROM t;\n"                           // 11
                + "DECLARE c CURSOR FOR SELECT 1;\n"             // 12
                + "RESET ALL;\n"                                 // 13
                + "CREATE TABLE kept (id int);\n"                // 14 fine
                + "COMMIT;\n"));                                 // 15
        assertThat(problems).extracting(Problem::line).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 15);
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo("20260101_backfill.up.sql"));
        assertThat(problems.get(0).message()).contains("cannot also be -- bascule:no-transaction");
        assertThat(problems.get(1).message()).startsWith("BEGIN:").contains("remove this statement");
        assertThat(problems.get(2).message()).startsWith("SET SEARCH_PATH").contains("qualify names");
        assertThat(problems.get(3).message()).startsWith("SET LOCAL LOCK_TIMEOUT").contains("lock-timeout=");
        assertThat(problems.get(4).message()).contains("LOCK in a file with batched statements");
        assertThat(problems.get(5).message()).contains("temporary object lives in one session");
        assertThat(problems.get(6).message()).contains("temporary object");
        assertThat(problems.get(7).message()).contains("unknown option 'speed'");
        assertThat(problems.get(8).message()).contains("bascule:batch is written before SELECT");
        assertThat(problems.get(9).message()).startsWith("DECLARE C CURSOR FOR").contains("session state");
        assertThat(problems.get(10).message()).startsWith("RESET ALL");
        assertThat(problems.get(11).message()).startsWith("COMMIT:");
        assertThatThrownBy(() -> BatchedScriptPlan.of(script("-- bascule:batch size=10\nSELECT 1;")))
                .isInstanceOfSatisfying(BasculeException.ValidationFailed.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(2)));
    }

    @Test
    void problemsOfIncludedFilesNameTheIncludedFile() {
        Script script = ScriptParser.parse("main.sql", "\\i part.sql\n", (from, path, relative) ->
                new dev.bascule.sql.IncludeResolver.IncludedScript("part.sql",
                        "SELECT 1;\n-- bascule:batch size=0\nDELETE FROM t;\n"));
        assertThat(BatchedScriptPlan.check(script)).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("part.sql");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("size=0 is out of range");
        });
    }
}
