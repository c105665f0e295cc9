package dev.bascule.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Locates {@code shared/corpora/milmove} by walking up from the working directory (CI puts it beside the repo). */
final class MilmoveCorpus {

    private MilmoveCorpus() {
    }

    static Optional<Path> root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/corpora/milmove");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** Every {@code .sql} file of the corpus (the Pop {@code .fizz} files are not SQL), sorted. */
    static List<Path> sqlFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("migrations"))) {
            return files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
    }

    /** The repository root: the directory holding the top-level pom.xml and mvnw. */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no mvnw found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
