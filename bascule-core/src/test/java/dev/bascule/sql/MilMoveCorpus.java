package dev.bascule.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds MilMove's migration tree ({@code shared/corpora/milmove}, MIT) by walking up from the working directory:
 * CI clones the repository with {@code shared/} beside it. Tests are skipped with a reason when it is absent.
 */
final class MilMoveCorpus {

    private MilMoveCorpus() {
    }

    static Optional<Path> locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpora/milmove");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Path require() {
        Optional<Path> root = locate();
        Assumptions.assumeTrue(root.isPresent(), "MilMove corpus not found: no shared/corpora/milmove above "
                + Path.of("").toAbsolutePath() + " (CI clones shared/ beside the repository)");
        return root.get();
    }

    /** Every {@code *.sql} file of the corpus, sorted by path ({@code .fizz} files are Pop's DSL, not SQL). */
    static List<Path> sqlFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
