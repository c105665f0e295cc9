package dev.bascule.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A local folder of migration files ({@code file://} locations and bare paths). */
public final class LocalFolderSource implements MigrationSource {

    private final Path folder;
    private final boolean secret;

    public LocalFolderSource(Path folder, boolean secret) {
        this.folder = folder.toAbsolutePath().normalize();
        this.secret = secret;
    }

    public Path folder() {
        return folder;
    }

    @Override
    public Location location() {
        return Location.local(folder);
    }

    @Override
    public List<SourceEntry> list() throws IOException {
        if (!Files.exists(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "migration path does not exist: create it or fix the path");
        }
        if (!Files.isDirectory(folder)) {
            throw new NotDirectoryException(folder.toString());
        }
        List<SourceEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    entries.add(new SourceEntry(file.getFileName().toString(), Files.size(file)));
                }
            }
        }
        entries.sort(Comparator.comparing(SourceEntry::name));
        return entries;
    }

    @Override
    public List<SkippedEntry> skippedEntries() throws IOException {
        List<SkippedEntry> skipped = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return skipped;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(file)) {
                    skipped.add(new SkippedEntry(file.getFileName().toString(), whyNotAFile(file)));
                }
            }
        }
        skipped.sort(Comparator.comparing(SkippedEntry::name));
        return skipped;
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
        Path file = folder.resolve(name).normalize();
        if (!file.getParent().equals(folder)) {
            throw new NoSuchFileException(name, null, "not a file directly inside " + folder);
        }
        return Files.newInputStream(file);
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
