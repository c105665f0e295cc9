package dev.bascule.aws;

import dev.bascule.secure.StoredObject;
import dev.bascule.secure.UploadedObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link SecureMigrationStore} against a real in-process S3-compatible server. */
class SecureMigrationStoreTest {

    private static final String STG = "s3://app-stg/secure-migrations";
    private static final String PRD = "s3://app-prd/secure-migrations";

    @RegisterExtension
    final S3ProxyExtension server = S3TestServer.extension();

    @TempDir
    Path work;

    private S3Client client;
    private SecureMigrationStore store;

    @BeforeEach
    void createBucketsAndStore() throws Exception {
        client = S3TestServer.client(server);
        S3TestServer.createBucket(client, "app-stg");
        S3TestServer.createBucket(client, "app-prd");
        store = SecureMigrationStore.open(S3TestServer.settings(server));
    }

    @AfterEach
    void closeClients() {
        store.close();
        client.close();
    }

    private Path productionFile(String name, String sql) throws Exception {
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        return Files.writeString(tmp.resolve(name), sql, StandardCharsets.UTF_8);
    }

    @Test
    void uploadThenDownloadRoundTripsBytesIntoOwnerOnlyFiles() throws Exception {
        Path file = productionFile("20240101000000_office_users.up.sql",
                "INSERT INTO users (login_gov_email) VALUES ('real.person@example.mil');\n");

        UploadedObject uploaded = store.upload(file, STG, Encryption.AES256);

        assertThat(uploaded.uri()).isEqualTo("s3://app-stg/secure-migrations/20240101000000_office_users.up.sql");
        assertThat(uploaded.size()).isEqualTo(Files.size(file));
        assertThat(uploaded.sha256()).isEqualTo(SecureMigrationStore.sha256Of(file));

        Path targetDir = work.resolve("tmp/secure_migrations/stg");
        Path downloaded = store.download("20240101000000_office_users.up.sql", STG, targetDir);

        assertThat(downloaded).isEqualTo(targetDir.resolve("20240101000000_office_users.up.sql"));
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(Files.readAllBytes(file));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(downloaded))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(targetDir))).isEqualTo("rwx------");
        try (var left = Files.list(targetDir)) {
            assertThat(left).containsExactly(downloaded);
        }
    }

    @Test
    void downloadOverAWorldReadableCopyLeavesAnOwnerOnlyFile() throws Exception {
        store.upload(productionFile("20240101000000_a.up.sql", "SELECT 'new';"), STG, Encryption.AES256);
        Path targetDir = Files.createDirectories(work.resolve("tmp/secure_migrations/stg"));
        Path stale = Files.writeString(targetDir.resolve("20240101000000_a.up.sql"), "SELECT 'old copy';");
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-r--r--"));

        Path downloaded = store.download("20240101000000_a.up.sql", STG, targetDir);

        assertThat(Files.readString(downloaded)).isEqualTo("SELECT 'new';");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(downloaded))).isEqualTo("rw-------");
    }

    @Test
    void emptyPlaceholderIsStoredAsAZeroByteObjectPerEnvironment() throws Exception {
        Path file = productionFile("20240101000000_only_stg.up.sql", "UPDATE t SET secret = 's';");
        store.upload(file, STG, Encryption.AES256);

        UploadedObject placeholder = store.uploadEmptyPlaceholder("20240101000000_only_stg.up.sql", PRD,
                Encryption.AES256);

        assertThat(placeholder.size()).isZero();
        assertThat(placeholder.sha256()).isEqualTo(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(store.list(PRD)).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("20240101000000_only_stg.up.sql");
            assertThat(o.size()).isZero();
        });
        assertThat(store.list(STG)).singleElement().extracting(StoredObject::size).isEqualTo(Files.size(file));
        Path downloaded = store.download("20240101000000_only_stg.up.sql", PRD, work.resolve("dl/prd"));
        assertThat(Files.size(downloaded)).isZero();
    }

    @Test
    void serverSideEncryptionRequestsAreAccepted() throws Exception {
        Path file = productionFile("20240101000000_kms.up.sql", "SELECT 1;");

        UploadedObject aes = store.upload(file, STG, Encryption.AES256);
        UploadedObject kms = store.upload(file, PRD, Encryption.parse("aws:kms", "alias/bascule-secure"));

        // s3proxy's in-memory store answers like AWS S3: it echoes the algorithm it applied. (Its filesystem store
        // refuses SSE instead; UnencryptedStoreTest covers that.)
        assertThat(aes.serverSideEncryption()).contains("AES256");
        assertThat(kms.serverSideEncryption()).contains("aws:kms");
        assertThat(store.find("20240101000000_kms.up.sql", PRD)).isPresent();
    }

    @Test
    void refusesFilesThatAreNotUpMigrationsBeforeSendingAnything() throws Exception {
        Path down = productionFile("20240101000000_x.down.sql", "DROP TABLE t;");
        Path text = productionFile("notes.txt", "secret notes");

        assertThatThrownBy(() -> store.upload(down, STG, Encryption.AES256))
                .isInstanceOf(UploadRejectedException.class)
                .hasMessageContaining(down.toString())
                .hasMessageContaining("*.up.sql");
        assertThatThrownBy(() -> store.upload(text, STG, Encryption.AES256))
                .isInstanceOf(UploadRejectedException.class);
        assertThatThrownBy(() -> store.uploadEmptyPlaceholder("../20240101000000_x.up.sql", STG, Encryption.AES256))
                .isInstanceOf(UploadRejectedException.class);
        assertThatThrownBy(() -> store.upload(work, STG, Encryption.AES256))
                .isInstanceOf(UploadRejectedException.class);
        assertThat(store.list(STG)).isEmpty();
    }

    @Test
    void refusesFilesOverTheSizeLimit() throws Exception {
        Path file = productionFile("20240101000000_big.up.sql", "x".repeat(1025));
        try (SecureMigrationStore limited = new SecureMigrationStore(client, 1024)) {
            assertThatThrownBy(() -> limited.upload(file, STG, Encryption.AES256))
                    .isInstanceOf(UploadRejectedException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("1025 bytes")
                    .hasMessageContaining("1024-byte limit")
                    .hasMessageContaining("secure.max-upload-bytes");
            assertThat(limited.list(STG)).isEmpty();

            Files.writeString(file, "x".repeat(1024));
            assertThat(limited.upload(file, STG, Encryption.AES256).size()).isEqualTo(1024);
        }
    }

    @Test
    void listsWhatEachEnvironmentHoldsAndFindsSingleObjects() throws Exception {
        store.upload(productionFile("20240102000000_b.up.sql", "SELECT 2;"), STG, Encryption.AES256);
        store.upload(productionFile("20240101000000_a.up.sql", "SELECT 1;"), STG, Encryption.AES256);

        assertThat(store.list(STG)).extracting(StoredObject::name)
                .containsExactly("20240101000000_a.up.sql", "20240102000000_b.up.sql");
        assertThat(store.list(STG)).allSatisfy(o -> assertThat(o.lastModified()).isNotNull());
        assertThat(store.list(PRD)).isEmpty();
        assertThat(store.find("20240101000000_a.up.sql", STG)).get().extracting(StoredObject::size).isEqualTo(9L);
        assertThat(store.find("20240101000000_a.up.sql", PRD)).isEmpty();
    }

    @Test
    void downloadingAMissingObjectNamesItAndLeavesNoFileBehind() throws Exception {
        Path targetDir = work.resolve("tmp/secure_migrations/prd");
        assertThatThrownBy(() -> store.download("20240101000000_absent.up.sql", PRD, targetDir))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("s3://app-prd/secure-migrations/20240101000000_absent.up.sql");
        try (var left = Files.list(targetDir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void wrongCredentialsAreRefusedOnUpload() throws Exception {
        var settings = new java.util.HashMap<>(S3TestServer.settingsMap(server));
        settings.put("s3.access-key-id", "unknown-key");
        settings.put("s3.max-attempts", "1");
        Path file = productionFile("20240101000000_a.up.sql", "SELECT 1;");
        try (SecureMigrationStore denied = SecureMigrationStore.open(new dev.bascule.source.SourceSettings(settings))) {
            assertThatThrownBy(() -> denied.upload(file, STG, Encryption.AES256))
                    .isInstanceOf(S3AccessDeniedException.class)
                    .hasMessageContaining("uploading s3://app-stg/secure-migrations/20240101000000_a.up.sql")
                    .hasMessageNotContaining(S3TestServer.SECRET_KEY);
        }
        assertThat(store.list(STG)).isEmpty();
    }

    @Test
    void manyUploadsOnOneKeptAliveConnectionSucceedWithoutRetries() throws Exception {
        // Regression: with aws-chunked uploads over http, s3proxy dropped kept-alive connections and about one PUT in
        // ten failed on its first attempt. With retries off, 300 uploads must all succeed at once.
        var settings = new java.util.HashMap<>(S3TestServer.settingsMap(server));
        settings.put("s3.max-attempts", "1");
        Path file = productionFile("20240101000000_repeat.up.sql", "SELECT 'repeated upload';\n");
        try (SecureMigrationStore noRetries = SecureMigrationStore.open(new dev.bascule.source.SourceSettings(settings))) {
            for (int i = 0; i < 300; i++) {
                noRetries.upload(file, "s3://app-stg/repeat-" + (i % 3), Encryption.AES256);
            }
        }
        assertThat(store.list("s3://app-stg/repeat-0")).hasSize(1);
    }
}
