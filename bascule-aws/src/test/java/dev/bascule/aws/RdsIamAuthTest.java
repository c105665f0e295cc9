package dev.bascule.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * RDS IAM tokens generated offline with static credentials. The SDK offers no way to fix its clock, so instead of
 * comparing with a stored token the test re-derives the SigV4 signature independently from the token's own date
 * and parameters: a token signed with the wrong key, region, service or host would not match.
 */
class RdsIamAuthTest {

    private static final String KEY_ID = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String HOST = "milmove-prd.cluster-abc123.us-gov-west-1.rds.amazonaws.com";

    private final RdsIamAuth auth = new RdsIamAuth("us-gov-west-1",
            StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)));

    @Test
    void tokenIsAPresignedConnectRequestForHostPortAndUser() {
        String token = auth.token(HOST, 5432, "migrations_user");

        assertThat(token).startsWith(HOST + ":5432/?");
        assertThat(token).doesNotStartWith("http").doesNotContain(SECRET);
        Map<String, String> query = query(token);
        assertThat(query).containsEntry("Action", "connect")
                .containsEntry("DBUser", "migrations_user")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-Expires", "900")
                .containsEntry("X-Amz-SignedHeaders", "host")
                .containsKey("X-Amz-Signature");
        String date = query.get("X-Amz-Date");
        assertThat(query.get("X-Amz-Credential"))
                .isEqualTo(KEY_ID + "%2F" + date.substring(0, 8) + "%2Fus-gov-west-1%2Frds-db%2Faws4_request");
        Instant signedAt = LocalDateTime.parse(date, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC);
        assertThat(Duration.between(signedAt, Instant.now()).abs()).isLessThan(Duration.ofMinutes(5));
    }

    @Test
    void signatureMatchesAnIndependentSigV4Derivation() throws Exception {
        String token = auth.token(HOST, 5432, "migrations_user");

        assertThat(query(token).get("X-Amz-Signature")).isEqualTo(expectedSignature(token, SECRET));
        assertThat(query(token).get("X-Amz-Signature")).isNotEqualTo(expectedSignature(token, SECRET + "x"));
    }

    @Test
    void differentUsersAndPortsGetDifferentTokens() {
        String a = auth.token(HOST, 5432, "alice");
        String b = auth.token(HOST, 5433, "alice");
        String c = auth.token(HOST, 5432, "bob");

        assertThat(b).startsWith(HOST + ":5433/?");
        assertThat(query(c).get("DBUser")).isEqualTo("bob");
        assertThat(query(a).get("X-Amz-Signature")).isNotEqualTo(query(b).get("X-Amz-Signature"))
                .isNotEqualTo(query(c).get("X-Amz-Signature"));
    }

    @Test
    void jdbcPropertiesUseTheTokenAsPasswordAndRequireSsl() throws Exception {
        Properties properties = auth.jdbcProperties(HOST, 5432, "migrations_user", "verify-full");

        assertThat(properties.getProperty("user")).isEqualTo("migrations_user");
        assertThat(properties.getProperty("sslmode")).isEqualTo("verify-full");
        String password = properties.getProperty("password");
        assertThat(password).startsWith(HOST + ":5432/?");
        assertThat(query(password).get("X-Amz-Signature")).isEqualTo(expectedSignature(password, SECRET));
        assertThat(auth.jdbcProperties(HOST, 5432, "u", null).getProperty("sslmode")).isEqualTo("require");

        for (String unsafe : new String[] {"disable", "allow", "prefer"}) {
            assertThatThrownBy(() -> auth.jdbcProperties(HOST, 5432, "migrations_user", unsafe))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("requires SSL")
                    .hasMessageContaining(unsafe);
        }
    }

    @Test
    void missingRegionOrEndpointPartsSayWhatToSet() {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET));
        assertThatThrownBy(() -> new RdsIamAuth(" ", credentials))
                .hasMessageContaining("region");
        assertThatThrownBy(() -> auth.token("", 5432, "u")).hasMessageContaining("host");
        assertThatThrownBy(() -> auth.token(HOST, 0, "u")).hasMessageContaining("port");
        assertThatThrownBy(() -> auth.token(HOST, 5432, "")).hasMessageContaining("user");
    }

    @Test
    void missingCredentialsSayWhereToProvideThem() {
        RdsIamAuth noCredentials = new RdsIamAuth("us-east-1", () -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create("Unable to load credentials");
        });
        assertThatThrownBy(() -> noCredentials.token(HOST, 5432, "u"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("u@" + HOST + ":5432")
                .hasMessageContaining("AWS_PROFILE");
    }

    /** The query parameters of a token, still URI-encoded, in their original order. */
    private static Map<String, String> query(String token) {
        String query = token.substring(token.indexOf('?') + 1);
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return values;
    }

    /**
     * SigV4 for a presigned GET of {@code https://host:port/?...} (AWS Signature Version 4 documentation): canonical
     * request, string to sign, HMAC-SHA256 key chain over date, region, service "rds-db" and "aws4_request".
     */
    private static String expectedSignature(String token, String secret) throws Exception {
        String hostPort = token.substring(0, token.indexOf('/'));
        Map<String, String> query = query(token);
        String canonicalQuery = query.entrySet().stream()
                .filter(e -> !e.getKey().equals("X-Amz-Signature"))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        String emptyPayloadHash = hex(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
        String canonicalRequest = String.join("\n", "GET", "/", canonicalQuery, "host:" + hostPort, "", "host",
                emptyPayloadHash);
        String amzDate = query.get("X-Amz-Date");
        String day = amzDate.substring(0, 8);
        String scope = day + "/us-gov-west-1/rds-db/aws4_request";
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope,
                hex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
        for (String part : Arrays.asList(day, "us-gov-west-1", "rds-db", "aws4_request")) {
            key = hmac(key, part);
        }
        return hex(hmac(key, stringToSign));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
