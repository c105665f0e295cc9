package dev.bascule.source;

/** Local folders: bare paths and {@code file://} URIs, a provider like any other. */
public final class FileSourceProvider implements MigrationSourceProvider {

    @Override
    public String scheme() {
        return Location.FILE;
    }

    @Override
    public MigrationSource open(Location location, SourceSettings settings, boolean secret) {
        return new LocalFolderSource(location.localPath().orElseThrow(), secret);
    }
}
