package dev.bascule.aws;

import dev.bascule.source.Location;

import dev.bascule.source.MigrationSource;
import dev.bascule.source.MigrationSourceProvider;
import dev.bascule.source.SourceSettings;
import java.io.IOException;

/**
 * Opens {@code s3://bucket/prefix} locations (found through {@link java.util.ServiceLoader}). Settings: the
 * {@code s3.*} keys of {@link S3ClientSettings}, and {@code secret=true} for secure-migration locations.
 */
public final class S3SourceProvider implements MigrationSourceProvider {

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public MigrationSource open(Location location, SourceSettings settings, boolean secret) throws IOException {
        S3Location parsed;
        S3ClientSettings clientSettings;
        try {
            parsed = S3Location.parse(location.value());
            clientSettings = S3ClientSettings.from(settings);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new S3MigrationSource(parsed, S3Clients.create(clientSettings), secret,
                clientSettings.maxObjectBytes(), true);
    }
}
