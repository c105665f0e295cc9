package dev.bascule.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * MilMove's real migration tree ({@code shared/corpora/milmove}, found by walking up from the working directory:
 * CI clones the repository with {@code shared/} beside it), copied into a test folder with an empty placeholder
 * for each file MISSING.txt names (too large for the snapshot).
 */
record MilmoveTree(Path corpus) {

    static final String ABSENT = "MilMove corpus not found: no shared/corpora/milmove above the working directory"
            + " (CI clones the repository with shared/ beside it)";

    static Optional<MilmoveTree> locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpora/milmove");
            if (Files.isDirectory(candidate.resolve("migrations/app/schema")) && Files.isRegularFile(candidate.resolve("MISSING.txt"))) {
                return Optional.of(new MilmoveTree(candidate));
            }
        }
        return Optional.empty();
    }

    /** Paths (relative to the corpus root, e.g. {@code migrations/app/schema/x.up.sql}) absent from the snapshot. */
    List<String> missing() {
        try {
            return Files.readAllLines(corpus.resolve("MISSING.txt")).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code migrations/} under {@code target} (writable copies) and writes the empty placeholders. */
    void copyWithPlaceholders(Path target) {
        Path from = corpus.resolve("migrations");
        Path to = target.resolve("migrations");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.write(dest, Files.readAllBytes(source));
                }
            }
            for (String path : missing()) {
                Path placeholder = target.resolve(path);
                if (Files.exists(placeholder)) {
                    throw new IllegalStateException(path + " is listed in MISSING.txt but present in the corpus");
                }
                Files.createDirectories(placeholder.getParent());
                Files.createFile(placeholder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the MilMove corpus from " + from + " to " + to, e);
        }
    }

    /** The file names a manifest lists (comments and blank lines skipped), in line order. */
    List<String> manifest(String name) {
        try {
            return Files.readAllLines(corpus.resolve("migrations/app").resolve(name)).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
