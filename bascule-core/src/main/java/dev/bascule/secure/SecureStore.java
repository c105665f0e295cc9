package dev.bascule.secure;

import dev.bascule.source.Location;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where an environment keeps its real secure migrations (an S3 prefix, encrypted at rest). Opened per environment
 * by a {@link SecureStoreProvider}; bascule-aws offers {@code s3}. Never logs or returns a file's text.
 */
public interface SecureStore extends AutoCloseable {

    /** Uploads a production secure migration, replacing an object of the same name; refuses non-{@code *.up.sql}. */
    UploadedObject upload(Path file, Location location) throws IOException;

    /** Uploads an empty object of that name: the migration applies as a no-op in that environment. */
    UploadedObject uploadEmptyPlaceholder(String name, Location location) throws IOException;

    /** Writes the object into {@code targetDir} with mode 0600 and returns the file. */
    Path download(String name, Location location, Path targetDir) throws IOException;

    List<StoredObject> list(Location location) throws IOException;

    Optional<StoredObject> find(String name, Location location) throws IOException;

    @Override
    void close();
}
