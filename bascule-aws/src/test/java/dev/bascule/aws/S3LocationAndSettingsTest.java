package dev.bascule.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bascule.source.SourceSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing of locations, client settings and encryption choices (no server needed). */
class S3LocationAndSettingsTest {

    @Test
    void parsesBucketAndPrefixWithOrWithoutSlashes() {
        assertThat(S3Location.parse("s3://bucket-1/secure-migrations/"))
                .isEqualTo(new S3Location("bucket-1", "secure-migrations"));
        assertThat(S3Location.parse("s3://bucket-1/a/b")).isEqualTo(new S3Location("bucket-1", "a/b"));
        assertThat(S3Location.parse("s3://bucket-1")).isEqualTo(new S3Location("bucket-1", ""));
        assertThat(S3Location.parse("s3://bucket-1/")).isEqualTo(new S3Location("bucket-1", ""));

        S3Location location = S3Location.parse("s3://app-prd/secure-migrations/");
        assertThat(location.keyOf("x.up.sql")).isEqualTo("secure-migrations/x.up.sql");
        assertThat(location.uriOf("x.up.sql")).isEqualTo("s3://app-prd/secure-migrations/x.up.sql");
        assertThat(location.listPrefix()).isEqualTo("secure-migrations/");
        assertThat(location).hasToString("s3://app-prd/secure-migrations");
        assertThat(S3Location.parse("s3://root-bucket").keyOf("x.up.sql")).isEqualTo("x.up.sql");
        assertThat(S3Location.parse("s3://root-bucket").listPrefix()).isEmpty();
    }

    @Test
    void rejectsMalformedLocationsAndNamesWithAHint() {
        assertThatThrownBy(() -> S3Location.parse("file:///tmp")).hasMessageContaining("s3://bucket/prefix");
        assertThatThrownBy(() -> S3Location.parse("s3://Bad_Bucket/x")).hasMessageContaining("Bad_Bucket");
        assertThatThrownBy(() -> S3Location.parse("s3:///x")).hasMessageContaining("bucket");
        assertThatThrownBy(() -> S3Location.parse("s3://bucket/a//b")).hasMessageContaining("double slash");
        S3Location location = S3Location.parse("s3://bucket/p");
        for (String name : new String[] {"", "..", "a/b.up.sql"}) {
            assertThatThrownBy(() -> location.keyOf(name)).hasMessageContaining("bare file name");
        }
    }

    @Test
    void readsClientSettingsFromSourceSettings() {
        S3ClientSettings settings = S3ClientSettings.from(new SourceSettings(Map.of(
                "s3.region", "us-gov-west-1",
                "s3.endpoint", "http://127.0.0.1:9000",
                "s3.path-style", "true",
                "s3.access-key-id", "AKIDEXAMPLE",
                "s3.secret-access-key", "very-secret-value",
                "s3.read-timeout", "PT2M",
                "s3.connect-timeout", "3",
                "s3.max-attempts", "5",
                "unrelated.key", "ignored")));

        assertThat(settings.region()).contains("us-gov-west-1");
        assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.maxAttempts()).isEqualTo(5);
        assertThat(settings.toString()).contains("AKIDEXAMPLE").doesNotContain("very-secret-value");

        S3ClientSettings defaults = S3ClientSettings.defaults();
        assertThat(defaults.region()).isEmpty();
        assertThat(defaults.accessKeyId()).isEmpty();
        assertThat(defaults.pathStyle()).isFalse();
        assertThat(defaults.callTimeout()).isEqualTo(S3ClientSettings.DEFAULT_CALL_TIMEOUT);
        assertThat(defaults.maxObjectBytes()).isEqualTo(250L * 1024 * 1024);
    }

    @Test
    void rejectsIncompleteOrInvalidClientSettingsNamingTheKey() {
        assertThatThrownBy(() -> S3ClientSettings.from(new SourceSettings(Map.of("s3.access-key-id", "AKID"))))
                .hasMessageContaining("s3.secret-access-key");
        assertThatThrownBy(() -> S3ClientSettings.from(new SourceSettings(Map.of("s3.endpoint", "minio:9000"))))
                .hasMessageContaining("s3.endpoint");
        assertThatThrownBy(() -> S3ClientSettings.from(new SourceSettings(Map.of("s3.read-timeout", "soon"))))
                .hasMessageContaining("s3.read-timeout");
        assertThatThrownBy(() -> S3ClientSettings.from(new SourceSettings(Map.of("s3.max-attempts", "0"))))
                .hasMessageContaining("s3.max-attempts");
        assertThatThrownBy(() -> S3ClientSettings.from(new SourceSettings(Map.of("s3.call-timeout", "0"))))
                .hasMessageContaining("positive");
    }

    @Test
    void parsesEncryptionChoices() {
        assertThat(Encryption.parse(null, null)).isEqualTo(Encryption.AES256);
        assertThat(Encryption.parse("AES256", "")).isEqualTo(Encryption.AES256);
        assertThat(Encryption.parse("aws:kms", "alias/app")).isEqualTo(new Encryption.Kms(Optional.of("alias/app")));
        assertThat(Encryption.parse("aws:kms", null)).isEqualTo(new Encryption.Kms(Optional.empty()));
        assertThat(Encryption.parse("none", null)).isEqualTo(new Encryption.None());
        assertThatThrownBy(() -> Encryption.parse("AES256", "alias/app")).hasMessageContaining("aws:kms");
        assertThatThrownBy(() -> Encryption.parse("rot13", null)).hasMessageContaining("rot13");
    }
}
