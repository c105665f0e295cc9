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
