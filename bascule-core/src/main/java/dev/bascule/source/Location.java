package dev.bascule.source;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where migration files live, parsed once: a local folder ({@code db/migrations}, {@code file:///srv/db},
 * {@code file://relative/db}), a class-path folder ({@code classpath:db/migrations}) or a URI some provider handles
 * ({@code s3://bucket/prefix}). Two spellings of one place are equal ({@code s3://b/p/} and {@code s3://b/p}; a
 * relative and an absolute path to one folder), so "is this location secure?" has one answer everywhere.
 *
 * @param scheme {@code file}, {@code classpath}, or the URI scheme ({@code s3})
 * @param value  the canonical form: an absolute normalised path for {@code file}, the resource folder without
 *               leading or trailing slash for {@code classpath}, the URI without trailing slash otherwise
 */
public record Location(String scheme, String value) {

    public static final String FILE = "file";
    public static final String CLASSPATH = "classpath";

    public Location {
        if (scheme == null || scheme.isEmpty() || value == null) {
            throw new IllegalArgumentException("a location needs a scheme and a value");
        }
    }

    /**
     * Parses a location as a user writes it; relative local paths (bare, or MilMove's {@code file://relative})
     * resolve against {@code baseDir}.
     *
     * @throws IllegalArgumentException when the text is empty or a {@code file:///} URI is malformed
     */
    public static Location parse(String text, Path baseDir) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a migration location is empty");
        }
        String t = text.strip();
        if (t.startsWith(CLASSPATH + ":")) {
            String folder = t.substring(CLASSPATH.length() + 1);
            while (folder.startsWith("/")) {
                folder = folder.substring(1);
            }
            return new Location(CLASSPATH, withoutTrailingSlash(folder));
        }
        String scheme = schemeOf(t);
        if (scheme == null) {
            return local(baseDir.resolve(t));
        }
        if (scheme.equals(FILE)) {
            String rest = t.substring("file://".length());
            if (rest.startsWith("/")) {
                return local(Path.of(URI.create("file://" + rest.replace(" ", "%20"))));
            }
            return local(baseDir.resolve(rest));
        }
        return new Location(scheme, withoutTrailingSlash(t));
    }

    /** A local folder. */
    public static Location local(Path folder) {
        return new Location(FILE, folder.toAbsolutePath().normalize().toString());
    }

    /**
     * The URI scheme of a location as written, or null for a bare path (Windows drive letters count as bare paths;
     * {@code classpath:} has no slashes and is recognised by {@link #parse}).
     */
    public static String schemeOf(String location) {
        int sep = location.indexOf("://");
        if (sep <= 1) {
            return null;
        }
        String scheme = location.substring(0, sep);
        return scheme.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.') ? scheme : null;
    }

    public boolean isLocal() {
        return scheme.equals(FILE);
    }

    /** The folder, for local locations. */
    public Optional<Path> localPath() {
        return isLocal() ? Optional.of(Path.of(value)) : Optional.empty();
    }

    /**
     * Where one file of this location is, as a user would type it: a file-system path for local folders, else the
     * location and the name. This is the {@code FILE} of every {@code FILE:LINE: message}.
     */
    public String fileDisplay(String fileName) {
        if (isLocal()) {
            // value is absolute and normalised: for a plain name, resolving is joining (cheaper, once per file)
            boolean plainName = !fileName.isEmpty() && fileName.indexOf('/') < 0 && fileName.indexOf('\\') < 0;
            return !plainName ? Path.of(value).resolve(fileName).toString()
                    : value.endsWith(java.io.File.separator) ? value + fileName : value + java.io.File.separator + fileName;
        }
        return uri() + "/" + fileName;
    }

    /** The location for messages and status: relative to {@code workingDir} when it is a folder inside it. */
    public String display(Path workingDir) {
        if (!isLocal()) {
            return uri();
        }
        Path abs = Path.of(value);
        Path wd = workingDir.toAbsolutePath().normalize();
        return abs.startsWith(wd) && !abs.equals(wd) ? wd.relativize(abs).toString() : abs.toString();
    }

    /** The canonical URI form: {@code file:///abs/dir/}, {@code classpath:db/migrations}, {@code s3://bucket/prefix}. */
    public String uri() {
        return switch (scheme) {
            case FILE -> Path.of(value).toUri().toString();
            case CLASSPATH -> CLASSPATH + ":" + value;
            default -> value;
        };
    }

    @Override
    public String toString() {
        return uri();
    }

    private static String withoutTrailingSlash(String location) {
        String l = location;
        while (l.endsWith("/") && !l.endsWith("://")) {
            l = l.substring(0, l.length() - 1);
        }
        return l;
    }
}
