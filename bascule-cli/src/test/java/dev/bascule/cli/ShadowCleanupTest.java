package dev.bascule.cli;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code check-reversible} process stopped while a migration runs on its throwaway database (SIGTERM, as on Ctrl-C
 * the JVM runs its shutdown hooks) drops that database on the way out, and exits within the hook's limit.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class ShadowCleanupTest {

    @TempDir
    Path tmp;

    private static List<String> shadows(TestDatabase db) {
        return db.column("SELECT datname FROM pg_database WHERE datname LIKE 'bascule\\_shadow\\_%'");
    }

    @Test
    void aStoppedCheckDropsItsThrowawayDatabase(TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_slow.up.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(120);");
        m.write("1_slow.down.sql", "DROP TABLE slow;");
        List<String> before = shadows(db);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "check-reversible", "--url", db.url(), "--user", "postgres", "--path", m.path()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (db.column("SELECT 1 FROM pg_stat_activity WHERE datname LIKE 'bascule\\_shadow\\_%'"
                    + " AND query LIKE '%pg_sleep%' AND state = 'active'").isEmpty()) {
                assertThat(process.isAlive()).as(Files.readString(tmp.resolve("log"))).isTrue();
                assertThat(System.nanoTime()).as("the slow migration never started").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(shadows(db)).hasSize(before.size() + 1);
            process.destroy();
            assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("the process exited").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(shadows(db)).as(Files.readString(tmp.resolve("log"))).isEqualTo(before);
    }
}
