package dev.bascule.cli;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code auth: rds-iam} from bascule.yml through the CLI. The embedded server has no SSL, so a real login cannot
 * happen here; what is proved is that the token login is wired in, insists on SSL and never prints the token or
 * the AWS secret.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class RdsIamAuthCliTest {

    @TempDir
    Path tmp;

    private CliRun status(TestDatabase db, String urlSuffix) throws Exception {
        Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(tmp.resolve("bascule.yml"), "environments:\n  prd:\n    url: " + db.url() + urlSuffix + "\n"
                + "    user: migrations_user\n    auth: rds-iam\n    region: us-gov-west-1\n"
                + "    source-settings:\n      s3.access-key-id: AKIDCLITEST\n      s3.secret-access-key: cli-secret-5b5b\n");
        return CliRun.run(tmp, "status", "--env", "prd");
    }

    @Test
    void aTokenLoginRequiresSslAndNeverPrintsTheToken(TestDatabase db) throws Exception {
        CliRun noSsl = status(db, "?sslmode=disable");
        assertThat(noSsl.exitCode()).as(noSsl.toString()).isEqualTo(2);
        assertThat(noSsl.err()).contains("RDS IAM token, region us-gov-west-1").contains("requires SSL");

        CliRun sslRequired = status(db, "");
        assertThat(sslRequired.exitCode()).as(sslRequired.toString()).isEqualTo(2);
        assertThat(sslRequired.err()).contains("cannot open an SSL connection").contains("needs SSL");
        for (CliRun run : new CliRun[] {noSsl, sslRequired}) {
            assertThat(run.out() + run.err()).doesNotContain("cli-secret-5b5b").doesNotContain("X-Amz-Signature")
                    .doesNotContain("Action=connect");
        }
    }
}
