package dev.bascule.aws;

import dev.bascule.source.Location;
import dev.bascule.source.MigrationSourceContract;
import dev.bascule.source.SourceSettings;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;
import java.util.UUID;

/** {@code s3://} locations pass the same source contract as local folders, against a real S3-compatible server. */
class S3SourceContractTest extends MigrationSourceContract {

    @RegisterExtension
    final S3ProxyExtension server = S3TestServer.extension();

    @Override
    protected Location locationWith(Map<String, String> files) throws Exception {
        String bucket = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client client = S3TestServer.client(server)) {
            S3TestServer.createBucket(client, bucket);
            for (var file : files.entrySet()) {
                client.putObject(b -> b.bucket(bucket).key("app/schema/" + file.getKey()), RequestBody.fromString(file.getValue()));
            }
            client.putObject(b -> b.bucket(bucket).key("app/schema/nested/9_deep.up.sql"), RequestBody.fromString("SELECT 9;"));
        }
        return new Location("s3", "s3://" + bucket + "/app/schema");
    }

    @Override
    protected Location missingLocation() {
        return new Location("s3", "s3://no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8) + "/x");
    }

    @Override
    protected String scheme() {
        return "s3";
    }

    @Override
    protected SourceSettings settings() {
        return S3TestServer.settings(server);
    }
}
