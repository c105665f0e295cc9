package dev.bascule.aws;

import java.io.IOException;

/**
 * S3 refused the request (HTTP 403: access denied, unknown access key, bad signature). The message names the
 * location and what to check; it never contains credentials.
 */
public final class S3AccessDeniedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String location;
    private final String errorCode;

    public S3AccessDeniedException(String location, String action, String errorCode, Throwable cause) {
        super("Access denied while " + action + " " + location + " (S3 error " + errorCode + ", HTTP 403): check the"
                + " credentials in use (s3.access-key-id/s3.secret-access-key, s3.profile or the AWS default credentials"
                + " chain) and that the bucket policy or IAM role allows s3:ListBucket, s3:GetObject and s3:PutObject"
                + " on this location", cause);
        this.location = location;
        this.errorCode = errorCode;
    }

    /** The {@code s3://} location or object that was refused. */
    public String location() {
        return location;
    }

    /** S3's error code, for example {@code AccessDenied}, {@code InvalidAccessKeyId} or {@code SignatureDoesNotMatch}. */
    public String errorCode() {
        return errorCode;
    }
}
