package dev.bascule.secure;

import java.time.Instant;

/**
 * One object directly inside an S3 location.
 *
 * @param name         the bare file name (the key relative to the location's prefix)
 * @param size         size in bytes
 * @param lastModified when S3 last stored it
 */
public record StoredObject(String name, long size, Instant lastModified) {
}
