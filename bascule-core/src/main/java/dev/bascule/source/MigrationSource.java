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
     * Remote sources stream into memory; nothing is written to disk. The catalog opens several entries at once from
     * different threads, so an implementation must allow concurrent calls (and so must {@link #openRelative}).
     */
    InputStream open(String name) throws IOException;

    /** The whole of one entry, as {@link #open} reads it; local folders read the file directly. */
    default byte[] readAllBytes(String name) throws IOException {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        }
    }

    /**
     * Opens a file named by a path relative to this location ({@code functions/x_v01.sql}, already normalised, never
     * above the location), for {@code \i} / {@code \ir} includes of migrations kept here. This default opens files
     * directly inside the location only; sources that can read deeper (class-path folders) override it.
     */
    default InputStream openRelative(String relativePath) throws IOException {
        if (relativePath.contains("/")) {
            throw new java.nio.file.NoSuchFileException(relativePath, null, location() + " reads only files directly"
                    + " inside it, so an include here cannot name a file in a sub-folder");
        }
        return open(relativePath);
    }

    /**
     * Entries of the location that are not readable files (directories, broken or looping symbolic links, ...), each
     * with what is wrong, so a {@code *.up.sql} among them is reported instead of silently skipped. Only sources that
     * can hold such entries (local folders) return any.
     */
    default List<SkippedEntry> skippedEntries() throws IOException {
        return List.of();
    }

    /** An entry {@link #list()} leaves out, and why. */
    record SkippedEntry(String name, String reason) {
    }

    /** Whether text from this source must be kept out of logs and error messages (secure migrations). */
    default boolean secret() {
        return false;
    }

    @Override
    default void close() throws IOException {
    }
}
