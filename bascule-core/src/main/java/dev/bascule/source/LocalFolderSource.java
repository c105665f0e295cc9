package dev.bascule.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A local folder of migration files ({@code file://} locations and bare paths). */
public final class LocalFolderSource implements MigrationSource {

    private final Path folder;
    private final boolean secret;
    private final Location location;
    /** What the last list() found besides regular files, until skippedEntries() takes it. */
    private volatile List<SkippedEntry> lastSkipped;

    public LocalFolderSource(Path folder, boolean secret) {
        this.folder = folder.toAbsolutePath().normalize();
        this.secret = secret;
        this.location = Location.local(this.folder);
    }

    public Path folder() {
        return folder;
    }

    @Override
    public Location location() {
        return location;
    }

    @Override
    public List<SourceEntry> list() throws IOException {
        if (!Files.exists(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "migration path does not exist: create it or fix the path");
        }
        if (!Files.isDirectory(folder)) {
            throw new NotDirectoryException(folder.toString());
        }
        Scan scan = scan();
        lastSkipped = scan.skipped();
        return scan.entries();
    }

    @Override
    public List<SkippedEntry> skippedEntries() throws IOException {
        // The catalog asks right after list(): answer from that listing instead of reading the folder again.
        List<SkippedEntry> fromList = lastSkipped;
        if (fromList != null) {
            lastSkipped = null;
            return fromList;
        }
        return Files.isDirectory(folder) ? scan().skipped() : new ArrayList<>();
    }

    private record Scan(List<SourceEntry> entries, List<SkippedEntry> skipped) {
    }

    /** One pass over the folder, one stat per entry (following links, as psql would open them). */
    private Scan scan() throws IOException {
        List<SourceEntry> entries = new ArrayList<>();
        List<SkippedEntry> skipped = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                BasicFileAttributes attributes = null;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException e) {
                    // a dangling or looping link: reported below in words
                }
                if (attributes != null && attributes.isRegularFile()) {
                    entries.add(new SourceEntry(file.getFileName().toString(), attributes.size()));
                } else {
                    skipped.add(new SkippedEntry(file.getFileName().toString(), whyNotAFile(file)));
                }
            }
        }
        entries.sort(Comparator.comparing(SourceEntry::name));
        skipped.sort(Comparator.comparing(SkippedEntry::name));
        return new Scan(entries, skipped);
    }

    /** What a folder entry that is not a readable regular file is, in words. */
    private static String whyNotAFile(Path file) {
        if (Files.isSymbolicLink(file)) {
            String target;
            try {
                target = Files.readSymbolicLink(file).toString();
            } catch (IOException e) {
                target = "?";
            }
            try {
                file.toRealPath();
            } catch (java.nio.file.FileSystemException e) {
                if (e.getMessage() != null && e.getMessage().contains("Too many levels of symbolic links")) {
                    return "is a symbolic link (to " + target + ") that loops back on itself";
                }
                if (e instanceof NoSuchFileException) {
                    return "is a symbolic link to " + target + ", which does not exist";
                }
                return "is a symbolic link to " + target + " that cannot be followed (" + e.getClass().getSimpleName() + ")";
            } catch (IOException e) {
                return "is a symbolic link to " + target + " that cannot be followed";
            }
            return Files.isDirectory(file) ? "is a symbolic link to a directory (" + target + "), not to a file"
                    : "is a symbolic link to " + target + ", which is not a regular file";
        }
        if (Files.isDirectory(file)) {
            return "is a directory, not a file";
        }
        return "is not a regular file (a pipe, socket or device)";
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(fileInside(name));
    }

    @Override
    public byte[] readAllBytes(String name) throws IOException {
        return Files.readAllBytes(fileInside(name));
    }

    private Path fileInside(String name) throws NoSuchFileException {
        Path file = folder.resolve(name).normalize();
        if (!file.getParent().equals(folder)) {
            throw new NoSuchFileException(name, null, "not a file directly inside " + folder);
        }
        return file;
    }

    @Override
    public boolean secret() {
        return secret;
    }

    @Override
    public String toString() {
        return location().toString();
    }
}
