package dev.bascule.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Opens locations through the {@link MigrationSourceProvider} registered for their scheme ({@code file} and
 * {@code classpath} are built in; bascule-aws registers {@code s3}), found with {@link ServiceLoader}.
 */
public final class Sources {

    private Sources() {
    }

    /** Opens one location; {@code secret} keeps its files' text out of every message. */
    public static MigrationSource open(Location location, SourceSettings settings, boolean secret) throws IOException {
        List<String> known = new ArrayList<>();
        for (MigrationSourceProvider provider : ServiceLoader.load(MigrationSourceProvider.class)) {
            if (provider.scheme().equals(location.scheme())) {
                return provider.open(location, settings, secret);
            }
            known.add(provider.scheme());
        }
        throw new IOException("no migration source handles '" + location.scheme() + ":' (known: "
                + String.join(", ", known) + "); for s3:// put bascule-aws on the class path");
    }
}
