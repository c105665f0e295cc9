package dev.bascule.aws;

import dev.bascule.secure.StoredObject;
import dev.bascule.secure.UploadedObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** An S3-compatible store without server-side encryption (s3proxy's filesystem back end answers 501 to SSE). */
class UnencryptedStoreTest {

    @RegisterExtension
    final S3ProxyExtension server = S3TestServer.extension("filesystem");

    @TempDir
    Path work;

    @Test
    void refusedEncryptionSaysWhatToConfigureAndSseNoneUploads() throws Exception {
        Path file = Files.writeString(work.resolve("20240101000000_a.up.sql"), "SELECT 1;");
        try (S3Client client = S3TestServer.client(server);
             SecureMigrationStore store = new SecureMigrationStore(client, SecureMigrationStore.DEFAULT_MAX_UPLOAD_BYTES)) {
            S3TestServer.createBucket(client, "minio-like");

            assertThatThrownBy(() -> store.upload(file, "s3://minio-like/secure", Encryption.AES256))
                    .hasMessageContaining("s3://minio-like/secure/20240101000000_a.up.sql")
                    .hasMessageContaining("refused the server-side encryption")
                    .hasMessageContaining("secure.sse: none");
            assertThat(store.list("s3://minio-like/secure")).isEmpty();

            UploadedObject stored = store.upload(file, "s3://minio-like/secure", Encryption.parse("none", null));
            assertThat(stored.serverSideEncryption()).isEmpty();
            assertThat(store.list("s3://minio-like/secure")).extracting(StoredObject::name)
                    .containsExactly("20240101000000_a.up.sql");
        }
    }
}
