package dev.bascule.adopt;

import dev.bascule.sql.ScriptFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reading a tool's folder: files in name order, text as strict UTF-8. */
final class SourceFiles {

    private SourceFiles() {
    }

    /** The regular files directly in {@code dir}, by name. */
    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /** The folders directly in {@code dir}, by name. */
    static List<Path> folders(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /** Every regular file under {@code dir}, at any depth (Flyway scans its locations recursively), by path. */
    static List<Path> walk(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> relative(dir, p))).toList();
        }
    }

    /** {@code file} relative to {@code dir}, with forward slashes. */
    static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    /**
     * The file's text, without a leading UTF-8 byte order mark.
     *
     * @throws dev.bascule.sql.ScriptSyntaxError when it is not UTF-8 (names line and byte)
     */
    static String read(Path file, String shownAs) throws IOException {
        String text = ScriptFiles.decodeUtf8(shownAs, Files.readAllBytes(file));
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
