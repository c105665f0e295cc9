package dev.bascule.lint.fix;

import dev.bascule.lint.model.Finding;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code lint --fix} does to one migration file.
 *
 * @param file       the file as given
 * @param refused    why the file is not touched at all (a secure migration, a file that cannot be split), or empty
 * @param original   its text ("" when refused)
 * @param fixed      its text after the fixes (equal to {@code original} when nothing changed)
 * @param newFiles   migrations to create after it, in version order
 * @param applied    the findings fixed, each with what was written instead
 * @param notFixable findings of fixable rules left as they are, each with the reason
 * @param manifest   the manifest lines to add, or empty
 */
public record FilePlan(Path file, Optional<String> refused, String original, String fixed, List<NewFile> newFiles,
                       List<Applied> applied, List<Unfixed> notFixable, Optional<ManifestChange> manifest) {

    public FilePlan {
        newFiles = List.copyOf(newFiles);
        applied = List.copyOf(applied);
        notFixable = List.copyOf(notFixable);
    }

    static FilePlan refused(Path file, String why) {
        return new FilePlan(file, Optional.of(why), "", "", List.of(), List.of(), List.of(), Optional.empty());
    }

    public boolean changes() {
        return !original.equals(fixed) || !newFiles.isEmpty();
    }

    public record NewFile(Path path, String text) {
    }

    public record Applied(Finding finding, String description) {
    }

    public record Unfixed(Finding finding, String reason) {
    }

    /**
     * @param note why lines could not be added (the fixed file is not listed in it), or empty
     */
    public record ManifestChange(Path manifest, String before, String after, List<String> added, Optional<String> note) {
    }
}
