package dev.bascule.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes migration files and manifests into a folder for a test. */
public record MigrationFolder(Path dir) {

    public MigrationFolder {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path write(String fileName, String text) {
        try {
            return Files.writeString(dir.resolve(fileName), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path writeBytes(String fileName, byte[] bytes) {
        try {
            return Files.write(dir.resolve(fileName), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String path() {
        return dir.toString();
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }
}
