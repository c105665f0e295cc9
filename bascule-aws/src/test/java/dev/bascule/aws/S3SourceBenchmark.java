package dev.bascule.aws;

import dev.bascule.source.Location;

import dev.bascule.source.MigrationSource;
import dev.bascule.source.SourceSettings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Prints throughput figures for bascule-aws against the in-process S3-compatible server (loopback, in-memory store),
 * so the figures measure Bascule and the SDK client rather than a network. No assertions: see docs for the numbers.
 *
 * <p>Run: {@code ./mvnw -B -q -pl bascule-aws -am test-compile} then
 * {@code java -cp "$(cat bascule-aws/target/bench.cp):bascule-aws/target/classes:bascule-aws/target/test-classes"
 * dev.bascule.aws.S3SourceBenchmark} (see the report for the classpath command).
 */
public final class S3SourceBenchmark {

    private S3SourceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        S3ProxyJunitCore server = new S3ProxyJunitCore.Builder()
                .withCredentials(AuthenticationType.AWS_V2_OR_V4, S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)
                .withBlobStoreProvider("transient")
                .build();
        server.beforeEach();
        try {
            Map<String, String> values = new HashMap<>();
            values.put("s3.endpoint", server.getUri().toString());
            values.put("s3.path-style", "true");
            values.put("s3.region", "us-east-1");
            values.put("s3.access-key-id", server.getAccessKey());
            values.put("s3.secret-access-key", server.getSecretKey());
            SourceSettings settings = new SourceSettings(values);
            try (S3Client client = S3Clients.create(S3ClientSettings.from(settings))) {
                client.createBucket(b -> b.bucket("bench"));
                listing(client, settings, 3_000);
                milmove(client, settings);
                largeRoundTrip(client, 50);
            }
            rdsTokens(2_000);
        } finally {
            server.afterEach();
        }
    }

    private static void listing(S3Client client, SourceSettings settings, int count) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String key = String.format("many/%014d_m.up.sql", 20240101000000L + i);
            try {
                client.putObject(b -> b.bucket("bench").key(key), RequestBody.fromString("SELECT 1;"));
            } catch (RuntimeException e) {
                throw new IllegalStateException("put number " + i + " failed", e);
            }
        }
        double putSeconds = seconds(start);
        try (MigrationSource source = new S3SourceProvider().open(new Location("s3", "s3://bench/many"), settings, false)) {
            source.list(); // warm-up
            start = System.nanoTime();
            int listed = source.list().size();
            double listSeconds = seconds(start);
            System.out.printf("put %d small objects: %.2f s (%.0f objects/s)%n", count, putSeconds, count / putSeconds);
            System.out.printf("list %d objects (%d pages): %.3f s%n", listed, (listed + 999) / 1000, listSeconds);
        }
    }

    private static void milmove(S3Client client, SourceSettings settings) throws Exception {
        Path folder = S3TestServer.milmoveSecureFolder().orElse(null);
        if (folder == null) {
            System.out.println("milmove corpus not found above the working directory: skipped");
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.toString().endsWith(".up.sql")).sorted().toList();
        }
        for (Path file : files) {
            client.putObject(b -> b.bucket("bench").key("secure/" + file.getFileName()), RequestBody.fromFile(file));
        }
        try (MigrationSource source = new S3SourceProvider().open(new Location("s3", "s3://bench/secure"), settings, true)) {
            long start = System.nanoTime();
            long bytes = 0;
            for (var entry : source.list()) {
                try (InputStream in = source.open(entry.name())) {
                    bytes += SecureMigrationStore.sha256Hex(in.readAllBytes()).isEmpty() ? 0 : entry.size();
                }
            }
            double elapsed = seconds(start);
            System.out.printf("list + stream + SHA-256 of %d MilMove secure migrations (%.1f MB): %.2f s (%.1f MB/s)%n",
                    files.size(), bytes / 1e6, elapsed, bytes / 1e6 / elapsed);
        }
    }

    private static void largeRoundTrip(S3Client client, int megabytes) throws Exception {
        Path dir = Files.createTempDirectory("bascule-aws-bench");
        Path file = dir.resolve("20240101000000_large.up.sql");
        byte[] chunk = new byte[1024 * 1024];
        new Random(42).nextBytes(chunk);
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < megabytes; i++) {
                out.write(chunk);
            }
        }
        try (SecureMigrationStore store = new SecureMigrationStore(client, SecureMigrationStore.DEFAULT_MAX_UPLOAD_BYTES)) {
            long start = System.nanoTime();
            store.upload(file, "s3://bench/large", Encryption.AES256);
            double up = seconds(start);
            start = System.nanoTime();
            Path downloaded = store.download(file.getFileName().toString(), "s3://bench/large", dir.resolve("dl"));
            double down = seconds(start);
            System.out.printf("secure upload %d MB (SHA-256 + PUT): %.2f s (%.0f MB/s); download to 0600 file: %.2f s"
                    + " (%.0f MB/s)%n", megabytes, up, megabytes / up, down, megabytes / down);
            Files.delete(downloaded);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir.resolve("dl"));
            Files.deleteIfExists(dir);
        }
    }

    private static void rdsTokens(int count) {
        RdsIamAuth auth = new RdsIamAuth("us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
        auth.token("db.example.com", 5432, "warmup");
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            auth.token("db.example.com", 5432, "user" + i);
        }
        double elapsed = seconds(start);
        System.out.printf("RDS IAM tokens: %d in %.2f s (%.0f µs each)%n", count, elapsed, elapsed * 1e6 / count);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
