package dev.bascule.lint.fix;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How {@code lint --fix} runs.
 *
 * @param write          rewrite the files and create the new ones; {@code false} only shows what would change
 * @param secure         which files are secure migrations: refused, their text never read into any output
 * @param versionFolders folders whose migrations' versions new files must not take, besides each fixed file's own
 *                       folder (the environment's local migration paths)
 * @param manifest       the manifest new migrations are listed in, when the project uses one
 * @param clock          for versions after the latest one, which are never earlier than now for timestamp versions
 */
public record FixOptions(boolean write, Predicate<Path> secure, List<Path> versionFolders, Optional<Path> manifest,
                         Clock clock) {

    public FixOptions {
        versionFolders = List.copyOf(versionFolders);
    }

    /** A preview (nothing written) with no secure folders, no manifest and the system clock. */
    public static FixOptions preview() {
        return new FixOptions(false, file -> false, List.of(), Optional.empty(), Clock.systemUTC());
    }

    public FixOptions withWrite(boolean doWrite) {
        return new FixOptions(doWrite, secure, versionFolders, manifest, clock);
    }
}
