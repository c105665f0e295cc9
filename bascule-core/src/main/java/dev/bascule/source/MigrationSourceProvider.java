package dev.bascule.source;

import java.io.IOException;

/**
 * Opens {@link MigrationSource}s for one URI scheme ({@code file}, {@code s3}, {@code classpath}).
 * Implementations are found with {@link java.util.ServiceLoader}, so a module such as bascule-aws
 * plugs in without the catalog knowing it exists.
 */
public interface MigrationSourceProvider {

    /** The scheme this provider handles, without "://", for example {@code "s3"}. */
    String scheme();

    /**
     * Opens the location (whose {@link Location#scheme()} is {@link #scheme()}).
     *
     * @param secret whether the files' text must be kept out of every message (secure migrations)
     */
    MigrationSource open(Location location, SourceSettings settings, boolean secret) throws IOException;
}
