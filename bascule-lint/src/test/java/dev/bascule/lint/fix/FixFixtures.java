package dev.bascule.lint.fix;

import dev.bascule.lint.LintOptions;
import dev.bascule.lint.LintReport;
import dev.bascule.lint.LintService;
import dev.bascule.lint.model.Finding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The fixtures of {@code lint --fix}: {@code lint-fix/<rule-id>/in} holds migrations the rule flags (and files
 * around them), {@code lint-fix/<rule-id>/out} the folder as it must be after {@code --fix --write}.
 */
final class FixFixtures {

    static final List<String> RULES = List.of("require-concurrent-index-creation", "adding-foreign-key-constraint",
            "adding-check-constraint", "setting-not-null", "adding-volatile-default");

    private FixFixtures() {
    }

    static Path root() {
        try {
            return Path.of(FixFixtures.class.getResource("/lint-fix").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the {@code in} folder of {@code rule} into {@code into}. */
    static Path copyIn(String rule, Path into) {
        Path from = root().resolve(rule).resolve("in");
        try {
            Files.createDirectories(into);
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.toList()) {
                    Files.copy(f, into.resolve(f.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return into;
    }

    /** Every file of a folder by name, with its text. */
    static Map<String, String> contents(Path folder) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The findings of {@code rule} when linting every migration of {@code folder}. */
    static List<Finding> findingsOf(String rule, Path folder) {
        LintReport report = new LintService(LintOptions.builder().build()).lintFiles(List.of(folder));
        return report.results().stream().flatMap(r -> r.findings().stream()).filter(f -> f.ruleId().equals(rule)).toList();
    }

    static FixReport fix(Path folder, boolean write) {
        return new LintService(LintOptions.builder().build()).fixFiles(List.of(folder),
                FixOptions.preview().withWrite(write));
    }
}
