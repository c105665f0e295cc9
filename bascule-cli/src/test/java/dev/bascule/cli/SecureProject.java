package dev.bascule.cli;

import dev.bascule.aws.S3TestServer;
import dev.bascule.testing.TestDatabase;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A project folder as a team using secure migrations has it: local schema migrations in {@code db/schema}, scrubbed
 * copies in {@code db/secure}, a manifest, and a {@code bascule.yml} whose {@code stg} and {@code prd} environments
 * read their secure migrations from buckets on the in-process S3 server, while {@code dev} uses the scrubbed copies
 * and allows {@code exec}.
 */
record SecureProject(Path dir, TestDatabase db, S3ProxyExtension server) {

    static final String STG = "s3://app-stg/secure";
    static final String PRD = "s3://app-prd/secure";

    SecureProject {
        try {
            Files.createDirectories(dir.resolve("db/schema"));
            Files.createDirectories(dir.resolve("db/secure"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates both buckets and writes bascule.yml with the given S3 secret key (a wrong one makes S3 refuse). */
    SecureProject withConfig(String secretKey, String extraStgKeys) {
        try (S3Client client = S3TestServer.client(server)) {
            for (String bucket : new String[] {"app-stg", "app-prd"}) {
                if (client.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                    S3TestServer.createBucket(client, bucket);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> s3 = S3TestServer.settingsMap(server);
        String sourceSettings = "    source-settings:\n"
                + "      s3.access-key-id: " + s3.get("s3.access-key-id") + "\n"
                + "      s3.secret-access-key: " + secretKey + "\n"
                + "      s3.connect-timeout: \"5\"\n      s3.read-timeout: \"30\"\n      s3.call-timeout: \"120\"\n";
        String store = "      endpoint: " + s3.get("s3.endpoint") + "\n      path-style: true\n      region: us-east-1\n";
        String yaml = "default-environment: dev\n"
                + "environments:\n"
                + "  dev:\n"
                + "    url: " + db.url() + "\n    user: postgres\n"
                + "    paths: [db/schema, db/secure]\n    secure: [db/secure]\n    manifest: db/manifest.txt\n"
                + "    allow-exec: true\n"
                + "  stg:\n"
                + "    url: " + db.url() + "\n    user: postgres\n"
                + "    paths: [db/schema, " + STG + "]\n    manifest: db/manifest.txt\n"
                + "    secure-store:\n      location: " + STG + "\n      sse: AES256\n" + store
                + sourceSettings + extraStgKeys
                + "  prd:\n"
                + "    url: " + db.url() + "\n    user: postgres\n"
                + "    paths: [db/schema, " + PRD + "]\n    manifest: db/manifest.txt\n"
                + "    secure-store:\n      location: " + PRD + "\n      sse: aws:kms\n      kms-key-id: alias/app-prd\n" + store
                + sourceSettings;
        write("bascule.yml", yaml);
        return this;
    }

    SecureProject withConfig() {
        return withConfig(S3TestServer.SECRET_KEY, "");
    }

    Path write(String relative, String text) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts an object straight into a bucket, as an earlier upload would have. */
    void putObject(String location, String name, String text) {
        String rest = location.substring("s3://".length());
        String bucket = rest.substring(0, rest.indexOf('/'));
        String key = rest.substring(rest.indexOf('/') + 1) + "/" + name;
        try (S3Client client = S3TestServer.client(server)) {
            client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CliRun run(String... args) {
        return CliRun.run(dir, args);
    }
}
