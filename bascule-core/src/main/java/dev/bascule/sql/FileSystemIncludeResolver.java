package dev.bascule.sql;

import java.io.IOException;
import java.nio.file.Path;

/** {@link IncludeResolver} over the local file system, reading files as strict UTF-8. */
final class FileSystemIncludeResolver implements IncludeResolver {

    private final Path workingDirectory;

    FileSystemIncludeResolver(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    @Override
    public IncludedScript resolve(String includingSource, String path, boolean relativeToIncludingFile)
            throws IOException {
        // Relative names stay relative so statements from included files print as the user wrote them.
        Path resolved = (relativeToIncludingFile ? Path.of(includingSource).resolveSibling(path)
                : workingDirectory.resolve(path)).normalize();
        return new IncludedScript(resolved.toString(), ScriptFiles.readUtf8(resolved));
    }

    @Override
    public String identity(String sourceName) {
        return Path.of(sourceName).toAbsolutePath().normalize().toString();
    }
}
