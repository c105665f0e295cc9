package dev.bascule.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Opens locations: bare paths and {@code file://} URIs locally, anything else through the
 * {@link MigrationSourceProvider} registered for its scheme (bascule-s3 registers {@code s3}).
 */
public final class Sources {

    private Sources() {
    }

    public static MigrationSource open(String location, SourceSettings settings) throws IOException {
        return open(location, settings, Path.of(""));
    }

    /** Opens one location; relative bare paths resolve against {@code baseDir}. */
    public static MigrationSource open(String location, SourceSettings settings, Path baseDir) throws IOException {
        String scheme = schemeOf(location);
        if (scheme == null) {
            return new LocalFolderSource(baseDir.resolve(location), settings.flag("secret"));
        }
        if (scheme.equals("file")) {
            return new LocalFolderSource(fileLocation(location, baseDir), settings.flag("secret"));
        }
        List<String> known = new ArrayList<>(List.of("file"));
        for (MigrationSourceProvider provider : ServiceLoader.load(MigrationSourceProvider.class)) {
            if (provider.scheme().equals(scheme)) {
                return provider.open(location, settings);
            }
            known.add(provider.scheme());
        }
        throw new IOException("no migration source handles '" + scheme + "://' (known: " + String.join(", ", known)
                + "); for s3:// put bascule-s3 on the class path");
    }

    /**
     * {@code file:///abs/path} is absolute; {@code file://relative/path} (as MilMove's MIGRATION_PATH sometimes
     * has it) is taken relative to {@code baseDir} instead of failing on the "authority" part.
     */
    static Path fileLocation(String location, Path baseDir) {
        String rest = location.substring("file://".length());
        if (rest.startsWith("/")) {
            return Path.of(URI.create("file://" + rest.replace(" ", "%20")));
        }
        return baseDir.resolve(rest);
    }

    /** The URI scheme of a location, or null for a bare path (Windows drive letters count as bare paths). */
    public static String schemeOf(String location) {
        int sep = location.indexOf("://");
        if (sep <= 1) {
            return null;
        }
        String scheme = location.substring(0, sep);
        return scheme.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.') ? scheme : null;
    }
}
