package dev.bascule.generate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a generator wrote: each new file with a note on what it is for, the manifest it added a line to, warnings,
 * and the next step for the user. Paths are absolute; {@link #display} shortens them for output.
 */
public record GeneratedFiles(List<Written> files, Optional<Path> manifest, List<String> warnings,
                             Optional<String> nextStep, List<String> notes) {

    public GeneratedFiles(List<Written> files, Optional<Path> manifest, List<String> warnings, Optional<String> nextStep) {
        this(files, manifest, warnings, nextStep, List.of());
    }

    /** One file written, and what it is ("scrubbed copy, goes into git: no secrets"), empty when plain. */
    public record Written(Path path, String note) {
    }

    public GeneratedFiles {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /** A path relative to {@code baseDir} when it is inside it, for shorter output. */
    public static String display(Path path, Path baseDir) {
        Path abs = path.toAbsolutePath().normalize();
        Path wd = baseDir.toAbsolutePath().normalize();
        return abs.startsWith(wd) && !abs.equals(wd) ? wd.relativize(abs).toString() : abs.toString();
    }
}
