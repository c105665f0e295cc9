package dev.bascule.fizz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * MilMove's real migration tree, read from {@code shared/corpora/milmove} found by walking up from the working
 * directory (CI clones the repository with {@code shared/} beside it).
 */
record MilmoveCorpus(Path root) {

    static Optional<MilmoveCorpus> locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpora/milmove");
            if (Files.isDirectory(candidate.resolve("migrations/app/schema"))) {
                return Optional.of(new MilmoveCorpus(candidate));
            }
        }
        return Optional.empty();
    }

    static final String ABSENT = "MilMove corpus not found: no shared/corpora/milmove above the working directory"
            + " (CI clones the repository with shared/ beside it)";

    Path schemaDir() {
        return root.resolve("migrations/app/schema");
    }

    Path secureDir() {
        return root.resolve("migrations/app/secure");
    }

    /** The legacy manifest's migration names, sorted by version (the number before '_') as Pop runs them. */
    List<String> legacyManifestByVersion() {
        return read(root.resolve("migrations/app/migrations_manifest.txt")).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .sorted(Comparator.comparing(MilmoveCorpus::version))
                .toList();
    }

    /** File names (without folder) that were too large for the snapshot; see MISSING.txt. */
    Set<String> missing() {
        return read(root.resolve("MISSING.txt")).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .map(line -> line.substring(line.lastIndexOf('/') + 1))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The migration file in the schema or the secure folder, if present. */
    Optional<Path> find(String name) {
        for (Path dir : List.of(schemaDir(), secureDir())) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    static long version(String name) {
        return Long.parseLong(name.substring(0, name.indexOf('_')));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
