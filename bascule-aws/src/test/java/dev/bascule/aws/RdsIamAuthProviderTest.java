package dev.bascule.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bascule.db.Authentication;
import dev.bascule.db.Database;
import dev.bascule.db.PasswordSource;
import dev.bascule.error.BasculeException;
import dev.bascule.source.SourceSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code auth: rds-iam} as the configuration reaches it: through ServiceLoader, with the environment's AWS keys. */
class RdsIamAuthProviderTest {

    private static final String HOST = "milmove-prd.cluster-abc123.us-gov-west-1.rds.amazonaws.com";
    private static final SourceSettings STATIC_KEYS = new SourceSettings(Map.of(
            "s3.access-key-id", "AKIDPROVIDERTEST", "s3.secret-access-key", "provider-secret-never-shown"));

    @Test
    void tokensAreSignedWithTheEnvironmentsKeysForTheConnectionsHostPortAndUser() {
        PasswordSource source = new RdsIamAuthProvider().open("us-gov-west-1", STATIC_KEYS.values());
        String token = source.password(HOST, 6543, "migrations_user");
        assertThat(token).startsWith(HOST + ":6543/?").contains("Action=connect").contains("DBUser=migrations_user")
                .contains("X-Amz-Credential=AKIDPROVIDERTEST%2F").contains("%2Fus-gov-west-1%2Frds-db%2Faws4_request")
                .doesNotContain("provider-secret-never-shown");
        assertThat(source.requiredSslModes()).containsExactly("require", "verify-ca", "verify-full");
        assertThat(source.describe()).isEqualTo("RDS IAM token, region us-gov-west-1");
    }

    @Test
    void configurationFindsTheProviderAndTheDatabaseRefusesToSendATokenWithoutSsl() {
        Database database = Authentication.apply(new Database("jdbc:postgresql://" + HOST + ":5432/app?sslmode=disable",
                "migrations_user", null), "rds-iam", "us-gov-west-1", STATIC_KEYS, "bascule.yml: environments.prd");
        assertThat(database.describe()).endsWith("as migrations_user (RDS IAM token, region us-gov-west-1)");
        // Refused before any network traffic: the host does not resolve here, and must not need to.
        assertThatThrownBy(database::connect).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("requires SSL, but the url has sslmode=disable");
    }

    @Test
    void aMissingRegionNamesTheEnvironment() {
        assertThatThrownBy(() -> Authentication.apply(new Database("jdbc:postgresql://" + HOST + "/app", "u", null),
                "rds-iam", null, STATIC_KEYS, "bascule.yml: environments.prd"))
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("bascule.yml: environments.prd: auth: rds-iam: auth: rds-iam needs the database's AWS region");
    }
}
