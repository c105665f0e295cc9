package dev.bascule;

import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * migrate connects while it reads the catalog; a bad catalog must still be the error reported, and at once, not
 * after the connection gives up (status and validate report catalog problems beside the history, so they wait for it). The database here is a socket that accepts and never answers, so
 * a login would wait the whole 20 s connect limit.
 */
class CatalogBeforeConnectionTest {

    @TempDir
    Path dir;

    private ServerSocket silent;

    @BeforeEach
    void openSilentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        silent.close();
    }

    private Bascule bascule(Path migrations) {
        Database database = new Database("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/app", "app", "pw",
                Duration.ofSeconds(20));
        return Bascule.configure().database(database).locations(migrations.toString()).baseDir(dir).load();
    }

    private static Throwable timed(Supplier<Object> call, long[] millis) {
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(call::get);
        millis[0] = Duration.ofNanos(System.nanoTime() - start).toMillis();
        return thrown;
    }

    @Test
    void migrateReportsAMissingMigrationPathAtOnceWhileTheDatabaseDoesNotAnswer() {
        long[] millis = new long[1];
        Throwable thrown = timed(() -> bascule(dir.resolve("no-such-folder")).migrate(), millis);
        assertThat(thrown).isInstanceOf(BasculeException.ValidationFailed.class).hasMessageContaining("no-such-folder")
                .hasMessageContaining("does not exist");
        assertThat(millis[0]).as("waited for the silent server").isLessThan(10_000);
    }

    @Test
    void aBadMigrationFileFailsMigrateBeforeAnyLogin() throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.write(migrations.resolve("20260101000000_bad.up.sql"), new byte[] {'S', 'E', 'L', (byte) 0xC3, '(', ';'});
        long[] millis = new long[1];
        Throwable thrown = timed(() -> bascule(migrations).migrate(), millis);
        assertThat(thrown).isInstanceOf(BasculeException.ValidationFailed.class).hasMessageContaining("20260101000000_bad.up.sql")
                .hasMessageContaining("UTF-8");
        assertThat(millis[0]).isLessThan(10_000);
    }
}
