package dev.bascule.cli;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once and only once under a race: {@value #RUNNERS} real {@code bascule migrate} processes started together on one
 * database, {@value #ROUNDS} rounds of {@value #PER_ROUND} new migrations each (every 25th without a transaction,
 * building an index concurrently). Every migration writes a row to a ledger table in its own statements, so a
 * migration run twice, or half-run, would show there, whatever the history table says.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class RaceLedgerTest {

    static final int RUNNERS = 10;
    static final int ROUNDS = 3;
    static final int PER_ROUND = 100;

    @TempDir
    Path tmp;

    @Test
    void tenRunnersApplyEveryMigrationOnceRoundAfterRound(TestDatabase db) {
        db.execute("CREATE TABLE ledger (version int NOT NULL, part text NOT NULL, backend int NOT NULL)");
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = round * PER_ROUND + 1; i <= (round + 1) * PER_ROUND; i++) {
                m.write(String.format("%05d_step.up.sql", i), migration(i));
            }
            long started = System.nanoTime();
            List<CliProcess> runners = new ArrayList<>();
            for (int r = 0; r < RUNNERS; r++) {
                runners.add(CliProcess.start(tmp, Map.of(), tmp.resolve("round" + round + "-runner" + r + ".log"),
                        "migrate", "--url", db.url(), "--user", "postgres", "--path", m.path(), "--lock-wait", "120s"));
            }
            int applied = 0;
            for (CliProcess runner : runners) {
                CliProcess.Result result = runner.await(Duration.ofSeconds(180));
                assertThat(result.finished()).as(result.toString()).isTrue();
                assertThat(result.exitCode()).as(result.toString()).isZero();
                applied += applied(result.output());
            }
            int total = (round + 1) * PER_ROUND;
            System.out.printf("race round %d: %d runners, %d new migrations, %d ms%n", round + 1, RUNNERS, PER_ROUND,
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(applied).as("migrations applied by all runners of round " + (round + 1)).isEqualTo(PER_ROUND);
            assertThat(db.column("SELECT count(*) || ' ' || count(DISTINCT version) || ' ' || bool_and(success)"
                    + " FROM bascule_schema_migrations")).containsExactly(total + " " + total + " true");
            assertThat(db.column("SELECT count(*) FROM (SELECT version, part FROM ledger GROUP BY version, part"
                    + " HAVING count(*) > 1) twice")).as("ledger rows written twice").containsExactly("0");
            assertThat(db.column("SELECT count(DISTINCT version) FROM ledger")).containsExactly(String.valueOf(total));
            assertThat(db.column("SELECT count(*) FROM ledger")).containsExactly(String.valueOf(total + total / 25));
        }
    }

    /** Migration {@code i}: a table and a ledger row in one transaction; every 25th an index built concurrently, in two steps. */
    private static String migration(int i) {
        if (i % 25 == 0) {
            return "-- bascule:no-transaction\nINSERT INTO ledger VALUES (" + i + ", 'before', pg_backend_pid());\n"
                    + "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_" + (i - 1) + "_x ON t_" + (i - 1) + " (x);\n"
                    + "INSERT INTO ledger VALUES (" + i + ", 'after', pg_backend_pid());\n";
        }
        return "CREATE TABLE t_" + i + " (x int);\nINSERT INTO ledger VALUES (" + i + ", 'tx', pg_backend_pid());\n";
    }

    private static int applied(String log) {
        if (log.contains("nothing to migrate: the database is up to date")) {
            return 0;
        }
        Matcher matcher = Pattern.compile("applied (\\d+) migration\\(s\\)").matcher(log);
        assertThat(matcher.find()).as(log).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
