package dev.bascule.aws;

import dev.bascule.db.AuthProvider;
import dev.bascule.db.PasswordSource;
import dev.bascule.source.SourceSettings;
import java.util.List;

/**
 * {@code auth: rds-iam}: each connection logs in with a fresh RDS IAM token signed for its host, port and user.
 * The AWS credentials are the environment's S3 ones ({@code s3.access-key-id}/{@code s3.secret-access-key},
 * {@code s3.profile}) or, without them, the AWS SDK's default chain.
 */
public final class RdsIamAuthProvider implements AuthProvider {

    public static final String NAME = "rds-iam";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PasswordSource open(String region, java.util.Map<String, String> settings) {
        RdsIamAuth auth = new RdsIamAuth(region, S3Clients.credentials(S3ClientSettings.from(new SourceSettings(settings))));
        return new TokenSource(auth);
    }

    /** Signs a token per connection attempt; tokens are never kept beyond that attempt. */
    record TokenSource(RdsIamAuth auth) implements PasswordSource {

        @Override
        public String password(String host, int port, String user) {
            return auth.token(host, port, user);
        }

        @Override
        public List<String> requiredSslModes() {
            return List.of("require", "verify-ca", "verify-full");
        }

        @Override
        public String describe() {
            return "RDS IAM token, region " + auth.region();
        }

        @Override
        public String loginHint() {
            return "check that the database user is granted rds_iam (GRANT rds_iam TO the user), that the IAM identity in"
                    + " use may rds-db:connect as this user, and that region " + auth.region() + " is the database's";
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
