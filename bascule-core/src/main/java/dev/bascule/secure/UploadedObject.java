package dev.bascule.secure;

import java.util.Optional;

/**
 * What a {@link SecureStore} stored.
 *
 * @param uri                  the object's {@code s3://bucket/prefix/name}
 * @param size                 bytes uploaded (0 for an empty placeholder)
 * @param sha256               lower-case hex SHA-256 of the bytes uploaded, the same digest Bascule records for a
 *                             local file, so a download can be compared with what was sent
 * @param serverSideEncryption the encryption S3 reported back ({@code AES256}, {@code aws:kms}); empty when the
 *                             store did not report any (some S3-compatible stores ignore SSE headers)
 */
public record UploadedObject(String uri, long size, String sha256, Optional<String> serverSideEncryption) {
}
