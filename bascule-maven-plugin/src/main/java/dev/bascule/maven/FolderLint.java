package dev.bascule.maven;

import dev.bascule.error.BasculeException;
import dev.bascule.lint.LintConfig;
import dev.bascule.lint.LintContext;
import dev.bascule.lint.LintResult;
import dev.bascule.lint.Linter;
import dev.bascule.lint.format.ReportFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code bascule lint FOLDERS...} as the CLI on main does it, with the linter's own classes: {@code .sql} files of
 * folders ({@code X.down.sql} only tells that {@code X.up.sql} has one), rendered as text and SARIF.
 * To be replaced by one call of bascule-lint's {@code LintService.lintFiles} once that is on main.
 */
final class FolderLint {

    /** One run: the results per file, in order, and the reports. */
    record Outcome(List<LintResult> results, String text, String sarif) {
        boolean hasErrors() {
            return results.stream().anyMatch(LintResult::hasErrors);
        }

        long findings() {
            return results.stream().mapToLong(r -> r.findings().size()).sum();
        }
    }

    private FolderLint() {
    }

    /**
     * @param projectDir            files under it are named relative to it, as code scanning expects
     * @param paths                 absolute files and folders
     * @param runnerSetsLockTimeout the runner sets lock_timeout before each migration (its lock-timeout is not 0)
     */
    static Outcome lint(Path projectDir, List<Path> paths, LintConfig config, boolean runnerSetsLockTimeout) {
        Linter linter = Linter.standard();
        LintContext context = LintContext.filesOnly(config).withRunnerLockTimeout(runnerSetsLockTimeout);
        List<LintResult> results;
        try {
            results = sqlFiles(paths).stream()
                    .map(file -> linter.lint(shown(projectDir, file), read(file),
                            context.withReversibility(false, hasDownMigration(file))))
                    .toList();
        } catch (UncheckedIOException e) {
            throw new BasculeException.Configuration(e.getMessage(), e);
        }
        return new Outcome(results, ReportFormat.TEXT.render(results, linter.rules()),
                ReportFormat.SARIF.render(results, linter.rules()));
    }

    private static String shown(Path projectDir, Path file) {
        return (file.startsWith(projectDir) ? projectDir.relativize(file) : file).toString();
    }

    /** UTF-8, else Latin-1 (as the linter reads files itself), so an odd byte is a finding's matter, not a crash. */
    private static String read(Path file) {
        try {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                return Files.readString(file, StandardCharsets.ISO_8859_1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the file; check it exists and is readable", e);
        }
    }

    private static boolean hasDownMigration(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".up.sql") && Files.exists(
                file.resolveSibling(name.substring(0, name.length() - ".up.sql".length()) + ".down.sql"));
    }

    private static List<Path> sqlFiles(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> f.toString().endsWith(".sql") && !f.toString().endsWith(".down.sql"))
                            .sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new BasculeException.Configuration(p + ": cannot list the folder: " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new BasculeException.Configuration(p + ": no such file or folder: name migration files or"
                        + " folders in <lintPaths>, or configure the locations");
            }
        }
        return out;
    }
}
