package dev.bascule.cli;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Completion scripts, --quiet/--verbose, and output free of control characters when not on a terminal. */
@ExtendWith(EmbeddedPostgresExtension.class)
class CliPolishTest {

    @TempDir
    Path tmp;

    @Test
    void completionScriptsCoverTheCommandTree() {
        CliRun bash = CliRun.run(tmp, "completion", "bash");
        assertThat(bash.exitCode()).as(bash.toString()).isZero();
        assertThat(bash.out()).contains("complete -F").contains("migrate").contains("expand-contract").contains("--lock-timeout");
        CliRun zsh = CliRun.run(tmp, "completion", "zsh");
        assertThat(zsh.out()).startsWith("autoload -U +X compinit").contains("bashcompinit").contains("complete -F");
        assertThat(CliRun.run(tmp, "completion", "fish").exitCode()).isEqualTo(2);
    }

    @Test
    void quietKeepsResultsAndErrorsVerboseSaysWhatTheRunUses(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (id int PRIMARY KEY, x int);");
        m.write("2_data.up.sql", "-- bascule:data\n-- bascule:batch size=2\nUPDATE a SET x = 1 WHERE x IS NULL;");
        CliRun quiet = CliRun.run(tmp, "migrate", "--quiet", "--url", db.url(), "--user", "postgres", "--path", m.path());
        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        assertThat(quiet.out()).isEqualTo("applied 2 migration(s) to default (" + db.url() + " as postgres)\n");
        assertThat(quiet.err()).isEmpty();

        CliRun verbose = CliRun.run(tmp, "status", "--verbose", "--url", db.url(), "--user", "postgres", "--path", m.path());
        assertThat(verbose.err()).contains("environment default: " + db.url() + " as postgres").contains("lock-timeout 10000 ms")
                .contains("lock retries 5");
    }

    @Test
    void outputWithoutATerminalHasNoControlCharacters(TestDatabase db) {
        db.execute("CREATE TABLE big (id int PRIMARY KEY, v int); INSERT INTO big SELECT g, 0 FROM generate_series(1, 2000) g");
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_data.up.sql", "-- bascule:data\n-- bascule:batch size=100\nUPDATE big SET v = 1;");
        CliRun run = CliRun.run(tmp, "migrate", "--url", db.url(), "--user", "postgres", "--path", m.path());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("1_data.up.sql:3: 2000 rows in ").contains("done");
        assertThat((run.out() + run.err()).chars().filter(c -> c < 32 && c != '\n' && c != '\t').count()).isZero();
    }
}
