package dev.bascule.aws;

import dev.bascule.source.Location;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bascule.source.MigrationSource;
import dev.bascule.source.SourceSettings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs every operation of this module on a secure migration, successful and failing, with the AWS SDK's request
 * logger at DEBUG (see simplelogger.properties), and greps everything printed and every exception message for the
 * migration's text.
 */
class SecretContentNeverPrintedTest {

    private static final String SECRET_SQL = "INSERT INTO users (email) VALUES ('classified.person.7d41@example.mil');";
    private static final String MARKER = "classified.person.7d41";

    @RegisterExtension
    final S3ProxyExtension server = S3TestServer.extension();

    @TempDir
    Path work;

    @Test
    void noOutputOrErrorMessageContainsSecureMigrationText() throws Exception {
        Path file = Files.writeString(work.resolve("20240101000000_secret.up.sql"), SECRET_SQL);
        List<Throwable> failures = new ArrayList<>();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try (S3Client client = S3TestServer.client(server);
             SecureMigrationStore store = SecureMigrationStore.open(S3TestServer.settings(server))) {
            S3TestServer.createBucket(client, "app-prd");
            String location = "s3://app-prd/secure";
            store.upload(file, location, Encryption.AES256);
            store.list(location);
            store.download("20240101000000_secret.up.sql", location, work.resolve("dl"));

            Map<String, String> values = new HashMap<>(S3TestServer.settingsMap(server));
            values.put("secret", "true");
            try (MigrationSource source = new S3SourceProvider().open(new Location("s3", location), new SourceSettings(values), true);
                 InputStream in = source.open("20240101000000_secret.up.sql")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(SECRET_SQL);
            }

            values.put("s3.max-object-bytes", "10");
            try (MigrationSource tooSmall = new S3SourceProvider().open(new Location("s3", location), new SourceSettings(values), true)) {
                tooSmall.open("20240101000000_secret.up.sql");
            } catch (Exception e) {
                failures.add(e);
            }
            values.remove("s3.max-object-bytes");
            values.put("s3.secret-access-key", "wrong");
            values.put("s3.max-attempts", "1");
            try (MigrationSource denied = new S3SourceProvider().open(new Location("s3", location), new SourceSettings(values), true)) {
                denied.open("20240101000000_secret.up.sql");
            } catch (Exception e) {
                failures.add(e);
            }
            try (SecureMigrationStore limited = new SecureMigrationStore(client, 5)) {
                limited.upload(file, location, Encryption.AES256);
            } catch (Exception e) {
                failures.add(e);
            }
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        String printed = captured.toString(StandardCharsets.UTF_8);
        // The capture worked: the SDK's request logger printed the requests (but never a body).
        assertThat(printed).contains("software.amazon.awssdk.request");
        assertThat(printed).doesNotContain(MARKER);
        assertThat(failures).hasSize(3);
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(MARKER);
                assertThat(t.toString()).doesNotContain(MARKER);
            }
        }
    }
}
