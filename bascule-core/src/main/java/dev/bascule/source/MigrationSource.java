package dev.bascule.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where migration text lives: one folder-like location (a local directory, an S3 prefix, ...).
 *
 * <p>A source only lists names and streams bytes; it knows nothing of SQL, versions or manifests
 * (that is the catalog's job). Listings are flat: the entries directly inside the location.
 */
public interface MigrationSource extends AutoCloseable {

    /** Where the files are: {@code file:///srv/migrations/schema}, {@code s3://bucket/prefix}, ... */
    Location location();

    /** Every file directly inside this location, sorted by name. */
    List<SourceEntry> list() throws IOException;

    /**
     * Opens one entry for reading. Throws {@link java.nio.file.NoSuchFileException} when the name is not there.
     * Remote sources stream into memory; nothing is written to disk.
     */
    InputStream open(String name) throws IOException;

    /** Whether text from this source must be kept out of logs and error messages (secure migrations). */
    default boolean secret() {
        return false;
    }

    @Override
    default void close() throws IOException {
    }
}
