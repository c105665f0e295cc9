package dev.bascule.config;

import dev.bascule.error.BasculeException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code secure-store:} section of one environment: the {@code s3://bucket/prefix} that holds this
 * environment's real secure migrations, and how to reach and encrypt it. {@code bascule secure upload|download|list}
 * act on it; {@code migrate} reads it like any other path when it is also listed in {@code paths}.
 *
 * @param location       {@code s3://bucket/prefix}
 * @param sse            server-side encryption on upload: {@code AES256} (default), {@code aws:kms} or {@code none}
 * @param kmsKeyId       KMS key id, ARN or alias for {@code aws:kms}
 * @param region         AWS region of the bucket ({@code s3.region})
 * @param endpoint       endpoint of an S3-compatible store ({@code s3.endpoint})
 * @param pathStyle      address buckets as {@code endpoint/bucket} ({@code s3.path-style})
 * @param profile        named AWS profile for the credentials ({@code s3.profile})
 * @param maxUploadBytes largest file {@code secure upload} accepts (default 250 MB)
 */
public record SecureStoreConfig(String location, String sse, String kmsKeyId, String region, String endpoint,
                                Boolean pathStyle, String profile, Long maxUploadBytes) {

    /** Checks what can be checked without the network; {@code where} names the file and environment. */
    public SecureStoreConfig validated(Path file, String environment) {
        String at = file + ": environments." + environment + ".secure-store";
        if (location == null || location.isBlank()) {
            throw new BasculeException.Configuration(at + ".location is missing: set it to the s3://bucket/prefix that"
                    + " holds this environment's secure migrations");
        }
        if (!location.startsWith("s3://") || location.length() <= "s3://".length()) {
            throw new BasculeException.Configuration(at + ".location '" + location + "' is not an s3://bucket/prefix"
                    + " location; secure migrations are kept in S3 (the scrubbed copies go in the environment's 'secure'"
                    + " folders)");
        }
        if (maxUploadBytes != null && maxUploadBytes < 0) {
            throw new BasculeException.Configuration(at + ".max-upload-bytes must not be negative");
        }
        return this;
    }

    /**
     * The {@code s3.*} (and {@code secure.*}) source settings this section implies, on top of the environment's
     * {@code source-settings}: the keys given here win, since they describe this very location.
     */
    public Map<String, String> sourceSettings(Map<String, String> environmentSettings) {
        Map<String, String> values = new LinkedHashMap<>(environmentSettings);
        putIfSet(values, "s3.region", region);
        putIfSet(values, "s3.endpoint", endpoint);
        putIfSet(values, "s3.path-style", pathStyle == null ? null : pathStyle.toString());
        putIfSet(values, "s3.profile", profile);
        putIfSet(values, "secure.max-upload-bytes", maxUploadBytes == null ? null : maxUploadBytes.toString());
        putIfSet(values, "secure.sse", sse);
        putIfSet(values, "secure.kms-key-id", kmsKeyId);
        return values;
    }

    private static void putIfSet(Map<String, String> values, String key, String value) {
        if (value != null && !value.isBlank()) {
            values.put(key, value.strip());
        }
    }
}
