package dev.bascule.aws;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns AWS SDK exceptions into {@link IOException}s whose messages say which {@code s3://} location failed and
 * what to do. The SDK's own exception stays attached as the cause for debugging; none of these messages include
 * credentials or object contents.
 */
final class S3Errors {

    private S3Errors() {
    }

    static IOException translate(SdkException failure, String location, String action) {
        if (failure instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            int status = s3.statusCode();
            if (status == 403) {
                return new S3AccessDeniedException(location, action, code == null ? "AccessDenied" : code, failure);
            }
            if ("NoSuchBucket".equals(code)) {
                return withCause(new NoSuchFileException(location, null, "the S3 bucket does not exist; check the"
                        + " bucket name in the location (bascule.yml or MIGRATION_PATH) and the region"), failure);
            }
            if (status == 404 || "NoSuchKey".equals(code)) {
                return withCause(new NoSuchFileException(location, null, "no such object in S3; check the name"
                        + " and that it was uploaded to this environment (bascule secure upload / bascule secure list)"),
                        failure);
            }
            String detail = s3.awsErrorDetails() == null ? "" : ": " + s3.awsErrorDetails().errorMessage();
            return new IOException("S3 request failed while " + action + " " + location + " (S3 error " + code
                    + ", HTTP " + status + detail + "); check the location, region and endpoint settings and retry",
                    failure);
        }
        if (failure instanceof SdkClientException) {
            return new IOException("Cannot complete the S3 request while " + action + " " + location + ": "
                    + failure.getMessage() + "; check s3.endpoint, s3.region, the credentials and network access",
                    failure);
        }
        return new IOException("S3 request failed while " + action + " " + location + ": " + failure.getMessage(),
                failure);
    }

    private static IOException withCause(IOException exception, Throwable cause) {
        exception.initCause(cause);
        return exception;
    }
}
