package dev.bascule.aws;

import dev.bascule.source.SourceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible HTTP server (s3proxy, in memory unless a test asks for its filesystem store) started in-process for each test, with
 * signature checking on, and the settings a Bascule environment would use to reach it.
 *
 * <p>Published in bascule-aws's test-jar for the CLI's tests: register {@link #extension()} with
 * {@code @RegisterExtension} and configure the environment with {@link #settingsMap(S3ProxyExtension)}.
 */
public final class S3TestServer {

    public static final String ACCESS_KEY = "bascule-test-key";
    public static final String SECRET_KEY = "bascule-test-secret-7f3a9c";

    private S3TestServer() {
    }

    /** s3proxy's in-memory store, which accepts server-side encryption headers. */
    public static S3ProxyExtension extension() {
        return extension("transient");
    }

    /** @param blobStore s3proxy's back end: "transient" (in memory) or "filesystem" (which refuses SSE headers) */
    public static S3ProxyExtension extension(String blobStore) {
        return S3ProxyExtension.builder()
                .withCredentials(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .withBlobStoreProvider(blobStore)
                .build();
    }

    /** The {@code s3.*} settings for this server, as the environment's configuration would give them. */
    public static Map<String, String> settingsMap(S3ProxyExtension server) {
        Map<String, String> values = new HashMap<>();
        values.put("s3.endpoint", server.getUri().toString());
        values.put("s3.path-style", "true");
        values.put("s3.region", "us-east-1");
        values.put("s3.access-key-id", server.getAccessKey());
        values.put("s3.secret-access-key", server.getSecretKey());
        // Keep failures quick: a test server that is down should fail the test, not retry for minutes.
        values.put("s3.connect-timeout", "5");
        values.put("s3.read-timeout", "30");
        values.put("s3.call-timeout", "120");
        return values;
    }

    public static SourceSettings settings(S3ProxyExtension server) {
        return new SourceSettings(settingsMap(server));
    }

    public static S3Client client(S3ProxyExtension server) throws IOException {
        return S3Clients.create(S3ClientSettings.from(settings(server)));
    }

    public static void createBucket(S3Client client, String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    /** MilMove's scrubbed secure migrations, found by walking up from the working directory; empty when absent. */
    public static Optional<Path> milmoveSecureFolder() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/corpora/milmove/migrations/app/secure");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }
}
