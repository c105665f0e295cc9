package dev.bascule.aws;

import dev.bascule.source.Location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bascule.source.MigrationSource;
import dev.bascule.source.MigrationSourceProvider;
import dev.bascule.source.SourceEntry;
import dev.bascule.source.SourceSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link S3MigrationSource} and {@link S3SourceProvider} against a real in-process S3-compatible server. */
class S3MigrationSourceTest {

    @RegisterExtension
    final S3ProxyExtension server = S3TestServer.extension();

    private MigrationSource openThroughServiceLoader(String location, Map<String, String> extra) throws IOException {
        Map<String, String> values = new HashMap<>(S3TestServer.settingsMap(server));
        values.putAll(extra);
        MigrationSourceProvider provider = ServiceLoader.load(MigrationSourceProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.scheme().equals("s3"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no MigrationSourceProvider for s3 registered"));
        return provider.open(new Location("s3", location), new SourceSettings(values), "true".equals(values.get("secret")));
    }

    @Test
    void listsMoreThanOnePageOfObjectsDirectlyUnderThePrefixOnly() throws Exception {
        int count = 1_037;
        try (S3Client client = S3TestServer.client(server)) {
            S3TestServer.createBucket(client, "migrations");
            for (int i = 0; i < count; i++) {
                String name = String.format("%014d_m%d.up.sql", 20240101000000L + i, i);
                client.putObject(b -> b.bucket("migrations").key("app/schema/" + name),
                        RequestBody.fromString("SELECT " + i + ";"));
            }
            // Neither a nested object, a folder marker, a sibling folder nor a look-alike prefix may appear.
            client.putObject(b -> b.bucket("migrations").key("app/schema/nested/20990101000000_deep.up.sql"),
                    RequestBody.fromString("SELECT 'nested';"));
            client.putObject(b -> b.bucket("migrations").key("app/schema/"), RequestBody.empty());
            client.putObject(b -> b.bucket("migrations").key("app/secure/20990101000000_other.up.sql"),
                    RequestBody.fromString("SELECT 'other';"));
            client.putObject(b -> b.bucket("migrations").key("app/schema2/20990101000000_lookalike.up.sql"),
                    RequestBody.fromString("SELECT 'lookalike';"));
            // The server really pages: one request cannot return them all, so list() must follow continuations.
            assertThat(client.listObjectsV2(b -> b.bucket("migrations").prefix("app/schema/").delimiter("/"))
                    .isTruncated()).isTrue();
        }

        try (MigrationSource source = openThroughServiceLoader("s3://migrations/app/schema/", Map.of())) {
            List<SourceEntry> entries = source.list();

            assertThat(entries).hasSize(count);
            assertThat(entries).extracting(SourceEntry::name).isSorted()
                    .allMatch(n -> n.endsWith(".up.sql") && !n.contains("/"))
                    .doesNotContain("20990101000000_deep.up.sql", "20990101000000_other.up.sql",
                            "20990101000000_lookalike.up.sql");
            assertThat(entries.get(0)).isEqualTo(new SourceEntry("20240101000000_m0.up.sql", "SELECT 0;".length()));
            assertThat(entries.get(count - 1).name()).isEqualTo(
                    String.format("%014d_m%d.up.sql", 20240101000000L + count - 1, count - 1));
            assertThat(source.location().uri()).isEqualTo("s3://migrations/app/schema");
            assertThat(source.secret()).isFalse();
        }
    }

    @Test
    void streamedBytesHaveTheSameSha256AsTheLocalFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // Bytes that a text round trip would damage: a BOM, CRLF, non-ASCII, NUL and an invalid UTF-8 byte.
        byte[] local = ("\uFEFFINSERT INTO t VALUES ('Zoë', E'\\x00');\r\n-- ünïcödé\n")
                .getBytes(StandardCharsets.UTF_8);
        local = java.util.Arrays.copyOf(local, local.length + 2);
        local[local.length - 1] = (byte) 0xC3;
        Path file = dir.resolve("20240101000000_bytes.up.sql");
        Files.write(file, local);
        try (S3Client client = S3TestServer.client(server)) {
            S3TestServer.createBucket(client, "secure-bucket");
            client.putObject(b -> b.bucket("secure-bucket").key("prd/secure-migrations/" + file.getFileName()),
                    RequestBody.fromFile(file));
        }

        try (MigrationSource source = openThroughServiceLoader("s3://secure-bucket/prd/secure-migrations",
                Map.of("secret", "true"));
             InputStream in = source.open(file.getFileName().toString())) {
            byte[] streamed = in.readAllBytes();
            assertThat(SecureMigrationStore.sha256Hex(streamed)).isEqualTo(SecureMigrationStore.sha256Of(file));
            assertThat(streamed).isEqualTo(local);
            assertThat(source.secret()).isTrue();
        }
    }

    @Test
    void milmoveSecureMigrationsStreamBackByteForByte() throws Exception {
        Path folder = S3TestServer.milmoveSecureFolder().orElse(null);
        Assumptions.assumeTrue(folder != null,
                "shared/corpora/milmove not found above the working directory; this corpus test needs it");
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".up.sql")).sorted().toList();
        }
        try (S3Client client = S3TestServer.client(server)) {
            S3TestServer.createBucket(client, "milmove");
            for (Path file : files) {
                client.putObject(b -> b.bucket("milmove").key("secure-migrations/" + file.getFileName()),
                        RequestBody.fromFile(file));
            }
        }
        try (MigrationSource source = openThroughServiceLoader("s3://milmove/secure-migrations", Map.of())) {
            List<SourceEntry> entries = source.list();
            assertThat(entries).extracting(SourceEntry::name)
                    .containsExactlyElementsOf(files.stream().map(p -> p.getFileName().toString()).toList());
            List<String> mismatches = new ArrayList<>();
            for (Path file : files) {
                try (InputStream in = source.open(file.getFileName().toString())) {
                    if (!SecureMigrationStore.sha256Hex(in.readAllBytes()).equals(SecureMigrationStore.sha256Of(file))) {
                        mismatches.add(file.getFileName().toString());
                    }
                }
            }
            assertThat(mismatches).isEmpty();
        }
    }

    @Test
    void emptyPlaceholderListsWithSizeZeroAndOpensToNoBytes() throws Exception {
        try (S3Client client = S3TestServer.client(server)) {
            S3TestServer.createBucket(client, "placeholders");
            client.putObject(b -> b.bucket("placeholders").key("prd/20240101000000_only_stg.up.sql"),
                    RequestBody.empty());
        }
        try (MigrationSource source = openThroughServiceLoader("s3://placeholders/prd", Map.of());
             InputStream in = source.open("20240101000000_only_stg.up.sql")) {
            assertThat(source.list()).containsExactly(new SourceEntry("20240101000000_only_stg.up.sql", 0));
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void missingObjectIsNoSuchFileNamingTheFullUri() throws Exception {
        try (S3Client client = S3TestServer.client(server)) {
            S3TestServer.createBucket(client, "migrations");
        }
        try (MigrationSource source = openThroughServiceLoader("s3://migrations/app/secure", Map.of())) {
            assertThatThrownBy(() -> source.open("20240101000000_absent.up.sql"))
                    .isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining("s3://migrations/app/secure/20240101000000_absent.up.sql")
                    .hasMessageContaining("bascule secure upload");
        }
    }

    @Test
    void missingBucketIsNoSuchFileNamingTheLocation() throws Exception {
        try (MigrationSource source = openThroughServiceLoader("s3://no-such-bucket/app", Map.of())) {
            assertThatThrownBy(source::list)
                    .isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining("s3://no-such-bucket/app")
                    .hasMessageContaining("bucket does not exist");
        }
    }

    @Test
    void wrongCredentialsAreAccessDeniedWithoutLeakingTheSecret() throws Exception {
        try (S3Client client = S3TestServer.client(server)) {
            S3TestServer.createBucket(client, "migrations");
            client.putObject(b -> b.bucket("migrations").key("app/secure/20240101000000_a.up.sql"),
                    RequestBody.fromString("SELECT 1;"));
        }
        String wrongSecret = "not-the-right-secret-91c2";
        Map<String, String> wrong = Map.of("s3.secret-access-key", wrongSecret, "s3.max-attempts", "1");
        try (MigrationSource source = openThroughServiceLoader("s3://migrations/app/secure", wrong)) {
            assertThatThrownBy(source::list)
                    .isInstanceOf(S3AccessDeniedException.class)
                    .hasMessageContaining("s3://migrations/app/secure")
                    .hasMessageContaining("check the credentials")
                    .hasMessageContaining("bucket policy")
                    .hasMessageNotContaining(wrongSecret)
                    .hasMessageNotContaining(S3TestServer.SECRET_KEY);
            assertThatThrownBy(() -> source.open("20240101000000_a.up.sql"))
                    .isInstanceOf(S3AccessDeniedException.class)
                    .hasMessageContaining("s3://migrations/app/secure/20240101000000_a.up.sql")
                    .hasMessageNotContaining(wrongSecret);
        }
    }

    @Test
    void refusesObjectsLargerThanTheInMemoryLimit() throws Exception {
        try (S3Client client = S3TestServer.client(server)) {
            S3TestServer.createBucket(client, "migrations");
            client.putObject(b -> b.bucket("migrations").key("big/20240101000000_big.up.sql"),
                    RequestBody.fromBytes(new byte[4096]));
        }
        try (MigrationSource source = openThroughServiceLoader("s3://migrations/big",
                Map.of("s3.max-object-bytes", "4095"))) {
            assertThatThrownBy(() -> source.open("20240101000000_big.up.sql"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("s3://migrations/big/20240101000000_big.up.sql")
                    .hasMessageContaining("s3.max-object-bytes");
        }
        try (MigrationSource source = openThroughServiceLoader("s3://migrations/big",
                Map.of("s3.max-object-bytes", "4096"));
             InputStream in = source.open("20240101000000_big.up.sql")) {
            assertThat(in.readAllBytes()).hasSize(4096);
        }
    }

    @Test
    void unreachableEndpointFailsWithinItsLimitsNamingTheLocation() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> values = new HashMap<>(S3TestServer.settingsMap(server));
        values.put("s3.endpoint", "http://127.0.0.1:" + closedPort);
        values.put("s3.max-attempts", "2");
        try (MigrationSource source = new S3SourceProvider().open(new Location("s3", "s3://migrations/app"),
                new SourceSettings(values), false)) {
            assertThatThrownBy(source::list)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("s3://migrations/app")
                    .hasMessageContaining("s3.endpoint");
        }
    }
}
