package dev.bascule.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code bascule migrate} process killed with SIGKILL in the middle of a batched data migration: status shows
 * it in progress, and the next migrate finishes it with no row changed twice (a trigger counts every change).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class DataMigrationKillTest {

    private static final int ROWS = 20_000;

    @TempDir
    Path tmp;

    @Test
    void aMigrateKilledMidBatchShowsInProgressAndTheRerunChangesNoRowTwice(TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_accounts.up.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL,"
                + " changes int NOT NULL DEFAULT 0);\n"
                + "CREATE FUNCTION count_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN\n"
                + "  NEW.changes := OLD.changes + 1; RETURN NEW; END $$;\n"
                + "CREATE TRIGGER count_change BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION count_change();\n"
                // Keys with gaps (multiples of 3), a third already lower-case.
                + "INSERT INTO accounts (id, email) SELECT g * 3, CASE WHEN g % 3 = 0 THEN 'u' || g || '@x.org'"
                + " ELSE 'U' || g || '@X.ORG' END FROM generate_series(1, " + ROWS + ") g;\n");
        // The UPDATE changes the column its WHERE reads; the pause keeps the run going long enough to be killed.
        m.write("2_lower_emails.up.sql", "-- bascule:data\n-- bascule:batch size=500 pause=150ms\n"
                + "UPDATE accounts SET email = lower(email) WHERE email <> lower(email);\n");
        m.write("3_check_lower.up.sql", "ALTER TABLE accounts ADD CONSTRAINT email_lower CHECK (email = lower(email));\n");

        Process migrate = start(db, m, tmp.resolve("killed.log"));
        long batches = awaitBatches(db, migrate, 6);
        migrate.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the client
        assertThat(migrate.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(batches).isGreaterThanOrEqualTo(6);

        CliRun status = CliRun.run(tmp, "status", "--url", db.url(), "--user", "postgres", "--path", m.path());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).containsPattern("2\\s+lower_emails\\s+data\\s+in progress")
                .containsPattern("in progress 2_lower_emails\\.up\\.sql: \\d+ row\\(s\\) in \\d+ batch\\(es\\).*key reached \\d+")
                .containsPattern("3\\s+check_lower\\s+schema\\s+pending").contains("1 applied, 1 pending, 1 in progress");
        JsonNode json = new ObjectMapper().readTree(CliRun.run(tmp, "status", "--json", "--url", db.url(), "--user",
                "postgres", "--path", m.path()).out());
        JsonNode progress = json.get(1).get("progress");
        long rowsDone = progress.get("rows_done").asLong();
        long changedSoFar = Long.parseLong(db.column("SELECT count(*) FROM accounts WHERE changes = 1").get(0));
        assertThat(rowsDone).as("the progress recorded is exactly what committed").isEqualTo(changedSoFar)
                .isPositive().isLessThan(ROWS * 2 / 3);
        long keyReached = progress.get("key_reached").asLong();
        assertThat(db.column("SELECT count(*) FROM accounts WHERE id > " + keyReached + " AND changes > 0"))
                .as("nothing past the key recorded was changed").containsExactly("0");

        Process rerun = start(db, m, tmp.resolve("rerun.log"));
        assertThat(rerun.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(tmp.resolve("rerun.log"));
        assertThat(rerun.exitValue()).as(log).isZero();
        assertThat(log).contains("applying 2_lower_emails.up.sql").contains("applying 3_check_lower.up.sql");
        assertThat(db.column("SELECT count(*) FILTER (WHERE changes = 1) || ' ' || count(*) FILTER (WHERE changes = 0)"
                + " || ' ' || count(*) FILTER (WHERE changes > 1) FROM accounts"))
                .as("every upper-case row changed exactly once, the others never").containsExactly((ROWS - ROWS / 3) + " "
                        + (ROWS / 3) + " 0");
        assertThat(db.column("SELECT rows_done::text || ' ' || finished FROM bascule_schema_migrations_progress"
                + " WHERE migration = '2' AND key_column IS NOT NULL")).containsExactly((ROWS - ROWS / 3) + " true");
    }

    /** Polls the progress table until the batched statement has committed {@code at least} batches. */
    private static long awaitBatches(TestDatabase db, Process migrate, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(migrate.isAlive()).as("migrate still running").isTrue();
            boolean created = db.column("SELECT to_regclass('bascule_schema_migrations_progress')").get(0) != null;
            long done = !created ? 0 : Long.parseLong(db.column("SELECT coalesce(max(batches), 0)"
                    + " FROM bascule_schema_migrations_progress WHERE key_column IS NOT NULL").get(0));
            if (done >= atLeast) {
                return done;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the batched migration did not reach " + atLeast + " batches within 90 s");
    }

    private static Process start(TestDatabase db, MigrationFolder m, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "migrate", "--url", db.url(), "--user", "postgres", "--path", m.path()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
