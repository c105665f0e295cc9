package dev.bascule.cli;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * check-reversible, drift and the schema file from the command line, with their exit codes; and the exit codes of
 * the bad inputs of down, baseline and drift.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class ReversibilityCliTest {

    @TempDir
    Path tmp;

    private static String[] args(TestDatabase db, String... command) {
        String[] all = new String[command.length + 4];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(new String[]{"--url", db.url(), "--user", "postgres"}, 0, all, command.length, 4);
        return all;
    }

    @Test
    void theSampleProjectIsReversibleOnTheEmbeddedServer() {
        Path demo = EmbeddedDefaultTest.findRepoRoot().resolve("examples").resolve("demo");
        CliRun run = CliRun.run(tmp, "check-reversible", "--all", "--embedded", "--path", demo.resolve("migrations").toString(),
                "--manifest", demo.resolve("manifest.txt").toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("20260101090000_create_moves.up.sql: ok\n", "20260102090000_add_touch_updated_at.up.sql: ok\n",
                "20260103090000_insert_sample_moves.up.sql: ok\n", "20260104090000_index_moves_status.up.sql: ok\n",
                "all 4 migration(s) checked are reversible (up, down, up again)");
        assertThat(run.err()).contains("using the embedded PostgreSQL 17", "throwaway database");
    }

    @Test
    void aBrokenDownExitsThreeWithWhatItLeftBehind(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("migrations"));
        m.write("1_t.up.sql", "CREATE TABLE t (a int);");
        m.write("1_t.down.sql", "DROP TABLE t;");
        m.write("2_idx.up.sql", "CREATE INDEX t_a_idx ON t (a);");
        m.write("2_idx.down.sql", "SELECT 'the index stays';");
        CliRun run = CliRun.run(tmp, args(db, "check-reversible"));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains("1_t.up.sql: ok\n",
                "2_idx.up.sql: down left index public.t_a_idx behind; up not repeatable: it failed after the down\n",
                "    index public.t_a_idx: missing in the database before the up\n",
                "1 of 2 migration(s) are not reversible");
        assertThat(db.tableExists("t")).isFalse();
    }

    @Test
    void migrateWritesTheSchemaFileAndDriftExitsThreeWhenTheDatabaseDiffers(TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("db/migrations"));
        m.write("1_moves.up.sql", "CREATE TABLE moves (id int PRIMARY KEY);");
        m.write("1_moves.down.sql", "DROP TABLE moves;");
        Files.writeString(tmp.resolve("bascule.yml"), String.join("\n",
                "default-environment: dev",
                "environments:",
                "  dev:",
                "    url: " + db.url(),
                "    user: postgres",
                "    paths: [db/migrations]",
                "    dev: true",
                "    schema-file: db/schema.sql",
                "  bare:",
                "    url: " + db.url(),
                "    user: postgres",
                "    paths: [db/migrations]",
                ""));
        CliRun noFile = CliRun.run(tmp, "drift", "--env", "bare");
        assertThat(noFile.exitCode()).as(noFile.toString()).isEqualTo(2);
        assertThat(noFile.err()).contains("drift: environment 'bare' has no schema file", "bascule drift --replay");

        assertThat(CliRun.run(tmp, "migrate").exitCode()).isZero();
        assertThat(Files.readString(tmp.resolve("db/schema.sql"))).contains("table public.moves\n");
        CliRun clean = CliRun.run(tmp, "drift");
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.out()).isEqualTo("no drift: the database matches the schema file db/schema.sql\n");

        db.execute("CREATE TABLE made_by_hand (id int)");
        CliRun drift = CliRun.run(tmp, "drift");
        assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(3);
        assertThat(drift.out()).contains("only in the database: table public.made_by_hand");
        CliRun replay = CliRun.run(tmp, "drift", "--env", "bare", "--replay");
        assertThat(replay.exitCode()).as(replay.toString()).isEqualTo(3);
        assertThat(replay.out()).contains("drift: the database differs from a replay of its 1 applied migration(s)",
                "table public.made_by_hand: missing in a replay of its 1 applied migration(s)");

        assertThat(CliRun.run(tmp, "down", "--to", "0").exitCode()).isZero();
        assertThat(Files.readString(tmp.resolve("db/schema.sql"))).doesNotContain("table public.moves")
                .contains("table public.made_by_hand");
    }

    @Test
    void badInputsOfDownBaselineAndCheckReversibleExitWithTheirCodes(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("migrations"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        m.write("1_a.down.sql", "DROP TABLE a;");
        m.write("2_half.up.sql", "-- bascule:no-transaction\nCREATE TABLE half (x int);\nSELECT 1 / 0;");
        m.write("2_half.down.sql", "DROP TABLE half;");
        assertThat(CliRun.run(tmp, args(db, "migrate")).exitCode()).isEqualTo(1);

        CliRun pastFirst = CliRun.run(tmp, args(db, "down", "--yes", "--steps", "3"));
        assertThat(pastFirst.exitCode()).as(pastFirst.toString()).isEqualTo(3);
        assertThat(pastFirst.err()).contains("--steps: 3 is past the first migration");
        CliRun failed = CliRun.run(tmp, args(db, "down", "--yes", "--steps", "1"));
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(3);
        assertThat(failed.err()).contains("2_half.up.sql: failed and is only partly applied");
        CliRun notApplied = CliRun.run(tmp, args(db, "down", "--yes", "--to", "7"));
        assertThat(notApplied.exitCode()).as(notApplied.toString()).isEqualTo(3);
        assertThat(notApplied.err()).contains("version 7 is not applied here");
        CliRun baseline = CliRun.run(tmp, args(db, "baseline", "--version", "1"));
        assertThat(baseline.exitCode()).as(baseline.toString()).isEqualTo(2);
        assertThat(baseline.err()).contains("already has 2 row(s)");

        m.write("3_orphan.down.sql", "DROP TABLE orphan;");
        CliRun orphan = CliRun.run(tmp, args(db, "down", "--yes", "--to", "1"));
        assertThat(orphan.exitCode()).as(orphan.toString()).isEqualTo(3);
        assertThat(orphan.err()).contains("3_orphan.down.sql: is a down file without its up");
        CliRun orphanCheck = CliRun.run(tmp, args(db, "check-reversible"));
        assertThat(orphanCheck.exitCode()).as(orphanCheck.toString()).isEqualTo(3);
        assertThat(orphanCheck.err()).contains("3_orphan.down.sql: is a down file without its up");
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("2");
    }
}
