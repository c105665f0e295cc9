package dev.bascule.cli;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** hooks: in bascule.yml: SQL files and shell commands around migrate, with what was applied in their environment. */
@ExtendWith(EmbeddedPostgresExtension.class)
class HooksTest {

    @TempDir
    Path tmp;

    private void project(TestDatabase db, String afterMigrate) throws Exception {
        Files.createDirectories(tmp.resolve("db/migrations"));
        Files.createDirectories(tmp.resolve("db/hooks"));
        Files.writeString(tmp.resolve("db/migrations/1_a.up.sql"), "CREATE TABLE a (x int);");
        Files.writeString(tmp.resolve("db/migrations/2_b.up.sql"), "CREATE TABLE b (x int);");
        Files.writeString(tmp.resolve("db/hooks/before.sql"), "CREATE TABLE IF NOT EXISTS hook_log (at timestamptz DEFAULT now());\n"
                + "INSERT INTO hook_log DEFAULT VALUES;\n");
        Files.writeString(tmp.resolve("bascule.yml"), "environments:\n  stg:\n    url: " + db.url() + "\n    user: postgres\n"
                + "    paths: [db/migrations]\n    hooks:\n      before-migrate: {sql: db/hooks/before.sql}\n"
                + "      after-each: {run: 'echo \"$BASCULE_ENVIRONMENT $BASCULE_VERSION $BASCULE_SCRIPT\" >> each.log'}\n"
                + "      after-migrate:\n        - {run: 'echo \"applied: $BASCULE_APPLIED\" > after.log'}\n"
                + "        - {run: '" + afterMigrate + "'}\n");
    }

    @Test
    void hooksRunAroundMigrateWithTheAppliedVersions(TestDatabase db) throws Exception {
        project(db, "true");
        CliRun run = CliRun.run(tmp, "migrate");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(db.column("SELECT count(*) FROM hook_log")).containsExactly("1");
        assertThat(Files.readAllLines(tmp.resolve("each.log"))).containsExactly("stg 1 1_a.up.sql", "stg 2 2_b.up.sql");
        assertThat(Files.readString(tmp.resolve("after.log"))).isEqualTo("applied: 1 2\n");
    }

    @Test
    void aFailingAfterMigrateHookIsReportedDistinctlyAndTheMigrationsStayApplied(TestDatabase db) throws Exception {
        project(db, "echo restarting the app failed; exit 3");
        CliRun run = CliRun.run(tmp, "migrate");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("after-migrate hook 'echo restarting the app failed; exit 3' failed: exit status 3")
                .contains("hook: restarting the app failed");
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations WHERE success")).containsExactly("2");
    }
}
