package dev.bascule.cli;

import dev.bascule.config.ConfigResolver;
import dev.bascule.config.ResolvedEnvironment;
import dev.bascule.error.BasculeException;
import dev.bascule.source.Sources;

import java.nio.file.Path;

/** Decides whether a local file is a secure migration whose text must not be printed. */
final class SecureFiles {

    private SecureFiles() {
    }

    /**
     * True for files under the working directory's {@code tmp/} (where production secure migrations are written)
     * and for files inside a local location the configuration marks secure. When the configuration exists but
     * cannot be read, every file counts as secure: better to hide a public script than to print a secret one.
     */
    static boolean isSecure(Path file, TargetOptions options, Path workingDir) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.startsWith(workingDir.resolve("tmp").toAbsolutePath().normalize())) {
            return true;
        }
        if (options.config == null && ConfigResolver.findConfigFile(workingDir).isEmpty()) {
            return false;
        }
        try {
            ResolvedEnvironment env = Target.resolve(options, workingDir);
            return env.secureLocations().stream()
                    .filter(location -> Sources.schemeOf(location) == null || location.startsWith("file:"))
                    .map(location -> location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location))
                    .anyMatch(folder -> abs.startsWith(folder.toAbsolutePath().normalize()));
        } catch (BasculeException | IllegalArgumentException e) {
            return true;
        }
    }
}
