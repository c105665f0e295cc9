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

/** {@code bascule lint --pending}: what an environment has not applied yet, linted with what its database knows. */
@ExtendWith(EmbeddedPostgresExtension.class)
class LintPendingTest {

    @TempDir
    Path tmp;

    @Test
    void pendingMigrationsAreLintedAgainstTheLiveSchema(TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("db"));
        m.write("1_moves.up.sql", "CREATE TABLE moves (id bigint PRIMARY KEY, status text);\n"
                + "COMMENT ON TABLE moves IS 'moves';\nCOMMENT ON COLUMN moves.status IS 'status';\n");
        Files.writeString(tmp.resolve("bascule.yml"), "environments:\n  stg:\n    url: " + db.url() + "\n    user: postgres\n"
                + "    paths: [db]\nlint:\n  rules:\n    require-comment:\n      enabled: false\n");
        assertThat(CliRun.run(tmp, "migrate").exitCode()).isZero();
        // Pending: an index on the existing (applied) table, and a new table indexed in the same file.
        m.write("2_index_status.up.sql", "CREATE INDEX moves_status_idx ON moves (status);\n");
        m.write("3_pets.up.sql", "CREATE TABLE pets (id bigint PRIMARY KEY, name text);\nCREATE INDEX pets_name_idx ON pets (name);\n");

        CliRun lint = CliRun.run(tmp, "lint", "--pending", "--format", "json");
        assertThat(lint.exitCode()).as(lint.toString()).isEqualTo(1);
        assertThat(lint.out()).contains("require-concurrent-index-creation").contains("2_index_status.up.sql")
                .doesNotContain("pets_name_idx").doesNotContain("1_moves.up.sql").doesNotContain("require-comment");

        CliRun noArgs = CliRun.run(tmp, "lint");
        assertThat(noArgs.exitCode()).isEqualTo(2);
        assertThat(noArgs.err()).contains("--pending");
    }

    @Test
    void aBadLintSectionIsAUsageErrorNamingTheKey() throws Exception {
        Files.writeString(tmp.resolve("bascule.yml"), "lint:\n  rules:\n    no-such-rule:\n      enabled: false\n");
        Files.writeString(tmp.resolve("1_a.up.sql"), "SELECT 1;\n");
        CliRun run = CliRun.run(tmp, "lint", "1_a.up.sql");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-rule");
    }
}
