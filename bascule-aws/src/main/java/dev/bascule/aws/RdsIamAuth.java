package dev.bascule.aws;

import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * AWS RDS IAM authentication ({@code auth: rds-iam}): a short-lived token, signed locally with the AWS credentials
 * (no network call), that PostgreSQL on RDS accepts as the password for a user granted {@code rds_iam}.
 *
 * <p>Tokens are valid for 15 minutes and are credentials: never log them. Generate one per connection attempt.
 */
public final class RdsIamAuth {

    /** SSL modes that keep the token off the wire in clear text; RDS refuses IAM logins without SSL anyway. */
    private static final Set<String> SSL_MODES = Set.of("require", "verify-ca", "verify-full");

    private final Region region;
    private final RdsUtilities utilities;

    public RdsIamAuth(String region, AwsCredentialsProvider credentials) {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("auth: rds-iam needs the database's AWS region; set the environment's"
                    + " region in bascule.yml (for example region: us-gov-west-1)");
        }
        this.region = Region.of(region.trim());
        this.utilities = RdsUtilities.builder().region(this.region).credentialsProvider(credentials).build();
    }

    /** Credentials from the AWS SDK v2 default chain (environment, profile, container or instance role). */
    public static RdsIamAuth withDefaultCredentials(String region) {
        return new RdsIamAuth(region, DefaultCredentialsProvider.builder().build());
    }

    /** Credentials from a named profile of the shared AWS config files. */
    public static RdsIamAuth withProfile(String region, String profile) {
        return new RdsIamAuth(region, ProfileCredentialsProvider.builder().profileName(profile).build());
    }

    public String region() {
        return region.id();
    }

    /**
     * A fresh token for {@code user} at {@code host:port}, to pass as the password. Throws
     * {@link IllegalStateException} naming what to configure when no AWS credentials are found.
     */
    public String token(String host, int port, String user) {
        if (host == null || host.isBlank() || user == null || user.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("auth: rds-iam needs the database host, port (1-65535) and user;"
                    + " got host='" + host + "', port=" + port + ", user='" + user + "'");
        }
        try {
            return utilities.generateAuthenticationToken(b -> b.hostname(host).port(port).username(user));
        } catch (SdkClientException e) {
            throw new IllegalStateException("auth: rds-iam could not sign a token for " + user + "@" + host + ":"
                    + port + " (" + e.getMessage() + "); provide AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID/"
                    + "AWS_SECRET_ACCESS_KEY or an instance/container role)", e);
        }
    }

    /**
     * pgjdbc connection properties for an IAM login: {@code user}, {@code password} (a fresh token) and
     * {@code sslmode}. Refuses SSL modes that would send the token unencrypted.
     *
     * @param sslMode {@code require}, {@code verify-ca} or {@code verify-full} (verify-full with the RDS CA bundle is
     *                the safest)
     */
    public Properties jdbcProperties(String host, int port, String user, String sslMode) {
        String mode = sslMode == null ? "require" : sslMode.trim().toLowerCase(Locale.ROOT);
        if (!SSL_MODES.contains(mode)) {
            throw new IllegalArgumentException("auth: rds-iam requires SSL, but sslmode is '" + sslMode
                    + "'; use sslmode require, verify-ca or verify-full for this environment");
        }
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", token(host, port, user));
        properties.setProperty("sslmode", mode);
        return properties;
    }
}
