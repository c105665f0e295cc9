package dev.bascule.aws;

import java.util.Locale;
import java.util.Optional;

/** Server-side encryption requested when uploading a secure migration. */
public sealed interface Encryption {

    /** SSE-S3: S3-managed keys ({@code x-amz-server-side-encryption: AES256}). */
    record Aes256() implements Encryption {
    }

    /**
     * SSE-KMS ({@code x-amz-server-side-encryption: aws:kms}).
     *
     * @param keyId a KMS key id, ARN or alias; empty to use the account's AWS-managed {@code aws/s3} key
     */
    record Kms(Optional<String> keyId) implements Encryption {
    }

    /**
     * No encryption header: only for S3-compatible test stores that reject SSE requests. Configured explicitly with
     * {@code sse: none}; never a default.
     */
    record None() implements Encryption {
    }

    Encryption AES256 = new Aes256();

    /**
     * Reads the configuration values {@code secure.sse} ({@code AES256}, {@code aws:kms} or {@code none}; empty means
     * AES256) and {@code secure.kms-key-id}.
     */
    static Encryption parse(String sse, String kmsKeyId) {
        String mode = sse == null ? "" : sse.trim();
        Optional<String> key = kmsKeyId == null || kmsKeyId.isBlank() ? Optional.empty() : Optional.of(kmsKeyId.trim());
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "", "aes256" -> {
                if (key.isPresent()) {
                    throw new IllegalArgumentException("secure.kms-key-id is set but secure.sse is '" + mode
                            + "'; set sse: aws:kms to use the KMS key, or remove kms-key-id");
                }
                return AES256;
            }
            case "aws:kms", "kms" -> {
                return new Kms(key);
            }
            case "none" -> {
                return new None();
            }
            default -> throw new IllegalArgumentException("secure.sse '" + mode
                    + "' is not supported; use AES256, aws:kms (with optional kms-key-id) or none");
        }
    }
}
