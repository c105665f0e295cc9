package dev.bascule.aws;

import java.io.IOException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds {@link S3Client}s from {@link S3ClientSettings}: one JDK-based HTTP client, bounded waits and retries. */
public final class S3Clients {

    /** Region used with a custom endpoint when none is configured: S3-compatible stores rarely care. */
    private static final Region CUSTOM_ENDPOINT_REGION = Region.US_EAST_1;

    private S3Clients() {
    }

    /**
     * A new client; the caller closes it. Fails with a message saying which setting to add when no region can be
     * determined.
     */
    public static S3Client create(S3ClientSettings settings) throws IOException {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.readTimeout()))
                .overrideConfiguration(o -> o
                        .apiCallTimeout(settings.callTimeout())
                        .retryStrategy(r -> r.maxAttempts(settings.maxAttempts())))
                .credentialsProvider(credentials(settings))
                .region(region(settings))
                .forcePathStyle(settings.pathStyle());
        settings.endpoint().ifPresent(endpoint -> builder
                .endpointOverride(endpoint)
                // S3-compatible stores often reject the newer flexible-checksum headers; only send them when an
                // operation requires it. Against AWS the SDK's defaults (checksums on every upload) stay on.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // Over plain http the SDK signs uploads as aws-chunked streams. s3proxy (and other S3-compatible
                // stores) then drop the keep-alive connection after some uploads, and a streamed body cannot be
                // replayed on a new one: about one PUT in ten failed in our tests. A plain signed body does not.
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false)));
        return builder.build();
    }

    /** Static keys when configured, else a named profile, else the AWS SDK v2 default credentials chain. */
    static AwsCredentialsProvider credentials(S3ClientSettings settings) {
        if (settings.accessKeyId().isPresent()) {
            String keyId = settings.accessKeyId().get();
            String secret = settings.secretAccessKey().orElseThrow();
            return StaticCredentialsProvider.create(settings.sessionToken()
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                            token -> AwsSessionCredentials.create(keyId, secret, token))
                    .orElseGet(() -> AwsBasicCredentials.create(keyId, secret)));
        }
        if (settings.profile().isPresent()) {
            return ProfileCredentialsProvider.builder().profileName(settings.profile().get()).build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static Region region(S3ClientSettings settings) throws IOException {
        if (settings.region().isPresent()) {
            return Region.of(settings.region().get());
        }
        if (settings.endpoint().isPresent()) {
            return CUSTOM_ENDPOINT_REGION;
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            throw new IOException("No AWS region for S3: set s3.region (the environment's secure.region in"
                    + " bascule.yml) or the AWS_REGION environment variable", e);
        }
    }
}
