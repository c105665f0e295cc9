package dev.bascule.aws;

import dev.bascule.source.SourceSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach S3 (or an S3-compatible store) for one environment.
 *
 * <p>Read from {@link SourceSettings} keys: {@code s3.region}, {@code s3.endpoint}, {@code s3.path-style},
 * {@code s3.access-key-id} + {@code s3.secret-access-key} (+ optional {@code s3.session-token}), {@code s3.profile},
 * {@code s3.connect-timeout}, {@code s3.read-timeout}, {@code s3.call-timeout} (seconds or ISO-8601 such as
 * {@code PT30S}), {@code s3.max-attempts} and {@code s3.max-object-bytes}. Without explicit keys or a profile the
 * AWS SDK v2 default credentials chain is used (environment, system properties, shared config, container/instance
 * roles).
 *
 * @param region          AWS region; empty means the SDK's default region chain (or us-east-1 with a custom endpoint)
 * @param endpoint        a custom endpoint for S3-compatible stores; empty for AWS
 * @param pathStyle       address buckets as {@code endpoint/bucket} instead of {@code bucket.endpoint}
 * @param accessKeyId     static access key id; empty to use a profile or the default chain
 * @param secretAccessKey static secret key, never printed (see {@link #toString()})
 * @param sessionToken    session token for temporary static credentials, never printed
 * @param profile         a named profile from the shared AWS config files
 * @param connectTimeout  limit for opening a connection
 * @param readTimeout     limit for any single read from the socket (a stalled transfer fails instead of hanging)
 * @param callTimeout     limit for a whole call including retries
 * @param maxAttempts     attempts per call, first try included (bounded retries)
 * @param maxObjectBytes  largest object streamed into memory by {@link S3MigrationSource#open(String)}
 */
public record S3ClientSettings(Optional<String> region, Optional<URI> endpoint, boolean pathStyle,
                               Optional<String> accessKeyId, Optional<String> secretAccessKey,
                               Optional<String> sessionToken, Optional<String> profile,
                               Duration connectTimeout, Duration readTimeout, Duration callTimeout,
                               int maxAttempts, long maxObjectBytes) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final long DEFAULT_MAX_OBJECT_BYTES = 250L * 1024 * 1024;

    public S3ClientSettings {
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException("S3 settings: s3.access-key-id and s3.secret-access-key must be given"
                    + " together; set both, or neither to use s3.profile or the AWS default credentials chain");
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("S3 settings: s3.max-attempts is " + maxAttempts
                    + "; use a number from 1 to 10");
        }
        if (maxObjectBytes < 0) {
            throw new IllegalArgumentException("S3 settings: s3.max-object-bytes must not be negative");
        }
        for (Duration limit : new Duration[] {connectTimeout, readTimeout, callTimeout}) {
            if (limit.isZero() || limit.isNegative()) {
                throw new IllegalArgumentException("S3 settings: timeouts must be positive, got " + limit);
            }
        }
    }

    /** AWS defaults: default region and credentials chains, standard timeouts and retries. */
    public static S3ClientSettings defaults() {
        return from(SourceSettings.NONE);
    }

    /** Reads the {@code s3.*} keys listed in the class comment; unknown keys are ignored. */
    public static S3ClientSettings from(SourceSettings settings) {
        return new S3ClientSettings(
                text(settings, "s3.region"),
                text(settings, "s3.endpoint").map(S3ClientSettings::endpointUri),
                settings.flag("s3.path-style"),
                text(settings, "s3.access-key-id"),
                text(settings, "s3.secret-access-key"),
                text(settings, "s3.session-token"),
                text(settings, "s3.profile"),
                duration(settings, "s3.connect-timeout", DEFAULT_CONNECT_TIMEOUT),
                duration(settings, "s3.read-timeout", DEFAULT_READ_TIMEOUT),
                duration(settings, "s3.call-timeout", DEFAULT_CALL_TIMEOUT),
                (int) number(settings, "s3.max-attempts", DEFAULT_MAX_ATTEMPTS),
                number(settings, "s3.max-object-bytes", DEFAULT_MAX_OBJECT_BYTES));
    }

    /** Same settings with static credentials (for example from a secrets manager or a test server). */
    public S3ClientSettings withStaticCredentials(String keyId, String secretKey) {
        return new S3ClientSettings(region, endpoint, pathStyle, Optional.of(keyId), Optional.of(secretKey),
                Optional.empty(), profile, connectTimeout, readTimeout, callTimeout, maxAttempts, maxObjectBytes);
    }

    /** Secrets are masked so that logging a settings object cannot leak them. */
    @Override
    public String toString() {
        return "S3ClientSettings[region=" + region.orElse("(default chain)")
                + ", endpoint=" + endpoint.map(URI::toString).orElse("(AWS)")
                + ", pathStyle=" + pathStyle
                + ", credentials=" + (accessKeyId.isPresent() ? "static key " + accessKeyId.get() + " (secret masked)"
                        : profile.map(p -> "profile " + p).orElse("(default chain)"))
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", callTimeout=" + callTimeout + ", maxAttempts=" + maxAttempts
                + ", maxObjectBytes=" + maxObjectBytes + "]";
    }

    private static Optional<String> text(SourceSettings settings, String key) {
        String value = settings.get(key, "").trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static URI endpointUri(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("S3 settings: s3.endpoint '" + value
                    + "' is not a URI; use for example http://127.0.0.1:9000", e);
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("S3 settings: s3.endpoint '" + value
                    + "' must be an http:// or https:// URL with a host, for example https://minio.internal:9000");
        }
        return uri;
    }

    private static Duration duration(SourceSettings settings, String key, Duration fallback) {
        Optional<String> value = text(settings, key);
        if (value.isEmpty()) {
            return fallback;
        }
        String raw = value.get();
        try {
            return raw.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(raw))
                    : Duration.parse(raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("S3 settings: " + key + " '" + raw
                    + "' is not a duration; use whole seconds (30) or ISO-8601 (PT30S)", e);
        }
    }

    private static long number(SourceSettings settings, String key, long fallback) {
        Optional<String> value = text(settings, key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("S3 settings: " + key + " '" + value.get()
                    + "' is not a whole number", e);
        }
    }
}
