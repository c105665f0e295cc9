package dev.bascule.cli;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Two real {@code bascule migrate} processes started at once on one database. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ConcurrentMigrateTest {

    @TempDir
    Path tmp;

    @Test
    void twoProcessesApplyEachMigrationExactlyOnce(TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        int count = 15;
        for (int i = 1; i <= count; i++) {
            // Each migration sleeps a little so the two runs overlap for real.
            m.write(String.format("%014d_step_%d.up.sql", i, i),
                    "CREATE TABLE step_" + i + " (id int);\nINSERT INTO step_" + i + " VALUES (" + i + ");\nSELECT pg_sleep(0.05);\n");
        }
        Process a = start(db, m, tmp.resolve("a.log"));
        Process b = start(db, m, tmp.resolve("b.log"));
        assertThat(a.waitFor(120, TimeUnit.SECONDS)).as("first process finished").isTrue();
        assertThat(b.waitFor(120, TimeUnit.SECONDS)).as("second process finished").isTrue();
        String logA = Files.readString(tmp.resolve("a.log"));
        String logB = Files.readString(tmp.resolve("b.log"));
        assertThat(a.exitValue()).as(logA).isZero();
        assertThat(b.exitValue()).as(logB).isZero();
        assertThat(applied(logA) + applied(logB)).as(logA + "\n" + logB).isEqualTo(count);
        assertThat(db.column("SELECT count(*) || ' ' || count(DISTINCT version) FROM bascule_schema_migrations"))
                .containsExactly(count + " " + count);
        assertThat(db.column("SELECT sum(id) FROM (" + String.join(" UNION ALL ",
                java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> "SELECT id FROM step_" + i).toList()) + ") s"))
                .containsExactly(String.valueOf(count * (count + 1) / 2));
    }

    private static int applied(String log) {
        if (log.contains("nothing to migrate: the database is up to date")) {
            return 0;
        }
        Matcher matcher = Pattern.compile("applied (\\d+) migration\\(s\\)").matcher(log);
        assertThat(matcher.find()).as(log).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static Process start(TestDatabase db, MigrationFolder m, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "migrate", "--url", db.url(), "--user", "postgres", "--path", m.path()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
