package dev.bascule.cli;

import dev.bascule.aws.S3TestServer;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bascule secure upload|download|list} against a real in-process S3 server. */
@ExtendWith(EmbeddedPostgresExtension.class)
class SecureStoreCommandsTest {

    private static final String NAME = "20240102000000_load_office_users.up.sql";
    private static final String REAL = "INSERT INTO office_users (email) VALUES ('real.person@agency.example.mil');\n";

    @RegisterExtension
    final S3ProxyExtension server = S3TestServer.extension();

    @TempDir
    Path tmp;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void uploadToEveryEnvironmentThenDownloadRoundTripsIntoOwnerOnlyFiles(TestDatabase db) throws Exception {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        Path production = p.write("tmp/" + NAME, REAL);

        CliRun upload = CliRun.runWithInput(tmp, "y\ny\n", "secure", "upload", "tmp/" + NAME);
        assertThat(upload.exitCode()).as(upload.toString()).isZero();
        assertThat(upload.out()).contains("will upload tmp/" + NAME + " (" + REAL.length() + " bytes) to:")
                .contains("stg  " + SecureProject.STG + "/" + NAME).contains("prd  " + SecureProject.PRD + "/" + NAME)
                .contains("uploaded stg: " + SecureProject.STG + "/" + NAME).contains("uploaded prd: " + SecureProject.PRD + "/" + NAME)
                .contains("deleted tmp/" + NAME).contains("encryption AES256").contains("encryption aws:kms");
        assertThat(production).doesNotExist();

        CliRun list = p.run("secure", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("stg  " + SecureProject.STG + "  (1 object(s))")
                .contains("prd  " + SecureProject.PRD + "  (1 object(s))").contains(NAME);

        CliRun download = p.run("secure", "download", NAME, "--environments", "stg prd");
        assertThat(download.exitCode()).as(download.toString()).isZero();
        assertThat(download.out()).contains("downloaded stg: tmp/secure_migrations/stg/" + NAME)
                .contains("downloaded prd: tmp/secure_migrations/prd/" + NAME).contains("delete them when you are done");
        for (String env : new String[] {"stg", "prd"}) {
            Path file = tmp.resolve("tmp/secure_migrations").resolve(env).resolve(NAME);
            assertThat(Files.readString(file)).isEqualTo(REAL);
            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(mode(file.getParent())).isEqualTo("rwx------");
        }
        assertThat(upload.out() + list.out() + download.out() + upload.err() + download.err()).doesNotContain("real.person");
    }

    @Test
    void declinedUploadSendsNothingAndKeepsTheFile(TestDatabase db) {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        Path production = p.write("tmp/" + NAME, REAL);

        CliRun upload = CliRun.runWithInput(tmp, "n\n", "secure", "upload", "tmp/" + NAME, "--environments", "stg");
        assertThat(upload.exitCode()).as(upload.toString()).isEqualTo(2);
        assertThat(upload.err()).contains("not confirmed, nothing uploaded");
        assertThat(production).exists();
        assertThat(p.run("secure", "list", "--env", "stg").out()).contains("(0 object(s))");

        CliRun noTerminal = CliRun.run(tmp, "secure", "upload", "tmp/" + NAME, "--environments", "stg");
        assertThat(noTerminal.exitCode()).isEqualTo(2);
        assertThat(p.run("secure", "list", "--env", "stg").out()).contains("(0 object(s))");
    }

    @Test
    void withYesUploadsToTheChosenEnvironmentOnlyAndKeepsTheLocalFile(TestDatabase db) {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        Path production = p.write("tmp/" + NAME, REAL);

        CliRun upload = p.run("secure", "upload", "tmp/" + NAME, "--environments", "stg", "--yes");
        assertThat(upload.exitCode()).as(upload.toString()).isZero();
        assertThat(upload.out()).contains("uploaded stg:").doesNotContain("uploaded prd:")
                .contains("reminder: tmp/" + NAME + " holds the real data");
        assertThat(production).exists();
        assertThat(p.run("secure", "list", "--env", "prd").out()).contains("(0 object(s))");

        CliRun placeholder = p.run("secure", "upload", "tmp/" + NAME, "--environments", "prd", "--empty", "--yes");
        assertThat(placeholder.exitCode()).as(placeholder.toString()).isZero();
        assertThat(placeholder.out()).contains("an EMPTY placeholder named " + NAME).contains("uploaded prd:")
                .contains("(0 bytes, sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        CliRun list = p.run("secure", "list", "--env", "prd");
        assertThat(list.out()).contains(NAME).contains("empty placeholder");

        CliRun replace = p.run("secure", "upload", "tmp/" + NAME, "--environments", "stg", "--yes");
        assertThat(replace.out()).contains("replaces the " + REAL.length() + " bytes object")
                .contains("will not run it again");
    }

    @Test
    void refusesWrongNamesOversizedFilesAndUnknownEnvironmentsBeforeSendingAnything(TestDatabase db) {
        SecureProject p = new SecureProject(tmp, db, server).withConfig(S3TestServer.SECRET_KEY,
                "    allow-exec: false\n");
        p.write("tmp/notes.sql", "SELECT 1;");
        CliRun wrongName = p.run("secure", "upload", "tmp/notes.sql", "--yes");
        assertThat(wrongName.exitCode()).isEqualTo(2);
        assertThat(wrongName.err()).contains("tmp/notes.sql: only *.up.sql files can be uploaded");

        CliRun unknown = p.run("secure", "upload", "tmp/" + NAME, "--environments", "stg qa", "--yes", "--empty");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("there is no environment 'qa'");

        CliRun noStore = p.run("secure", "download", NAME, "--environments", "dev");
        assertThat(noStore.exitCode()).isEqualTo(2);
        assertThat(noStore.err()).contains("environment 'dev'").contains("has no secure-store");

        String yaml = p.dir().resolve("bascule.yml").toFile().exists() ? read(p.dir().resolve("bascule.yml")) : "";
        p.write("bascule.yml", yaml.replace("      sse: AES256\n", "      sse: AES256\n      max-upload-bytes: 10\n"));
        p.write("tmp/" + NAME, REAL);
        CliRun tooBig = p.run("secure", "upload", "tmp/" + NAME, "--environments", "stg", "--yes");
        assertThat(tooBig.exitCode()).as(tooBig.toString()).isEqualTo(2);
        assertThat(tooBig.err()).contains("is over the 10-byte limit");
        assertThat(p.run("secure", "list", "--env", "stg").out()).contains("(0 object(s))");
    }

    @Test
    void aFailureHalfwaySaysWhichEnvironmentsAlreadyHaveTheFile(TestDatabase db) throws Exception {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        // This S3 store refuses aws:kms without a key id: prd's upload fails after stg's succeeded.
        p.write("bascule.yml", read(tmp.resolve("bascule.yml")).replace("      kms-key-id: alias/app-prd\n", ""));
        p.write("tmp/" + NAME, REAL);
        CliRun upload = p.run("secure", "upload", "tmp/" + NAME, "--yes");
        assertThat(upload.exitCode()).as(upload.toString()).isEqualTo(2);
        assertThat(upload.out()).contains("uploaded stg:");
        assertThat(upload.err()).contains("environment prd: uploading " + SecureProject.PRD)
                .contains("already uploaded to stg: after fixing it, upload again with --environments naming the others");
        assertThat(upload.out() + upload.err()).doesNotContain("real.person");
    }

    @Test
    void listPagesThroughMoreThanAThousandObjects(TestDatabase db) throws Exception {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        int count = 1_003;
        try (S3Client client = S3TestServer.client(server)) {
            for (int i = 0; i < count; i++) {
                String key = "secure/" + String.format("%014d_m0.up.sql", 20240101000000L + i);
                client.putObject(b -> b.bucket("app-stg").key(key), RequestBody.fromString(""));
            }
        }
        CliRun list = p.run("secure", "list", "--env", "stg");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("(" + count + " object(s))").contains("20240101000000_m0.up.sql")
                .contains(String.format("%014d_m0.up.sql", 20240101000000L + count - 1));
        assertThat(list.out().lines().filter(l -> l.contains("empty placeholder")).count()).isEqualTo(count);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
