package dev.bascule.aws;

import java.io.IOException;

/** A file was refused before anything was sent to S3 (wrong name, too large, not a regular file). */
public final class UploadRejectedException extends IOException {

    private static final long serialVersionUID = 1L;

    public UploadRejectedException(String message) {
        super(message);
    }
}
